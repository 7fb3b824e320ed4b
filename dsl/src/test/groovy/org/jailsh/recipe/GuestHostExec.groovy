package org.jailsh.recipe

import java.nio.file.Path

import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostExec

/**
 * The host of recipe specs: every command is recorded (with its stdin, so a spec can see where secrets went);
 * {@code fake-jexec JAIL ARGV…} (what {@link GuestRuntime} runs) is answered by that jail's {@link FakeJailOs}.
 */
class GuestHostExec implements HostExec {

    final Map<String, FakeJailOs> jails = [:]
    /** What a jail nobody set up runs. */
    String defaultOs = 'busybox'
    final List<Command> commands = []
    final Map<Path, String> writes = [:]

    @Override
    ExecResult run(Command command) {
        commands << command
        List<String> argv = command.argv()
        if (argv[0] == 'fake-jexec') {
            FakeJailOs jail = jails.computeIfAbsent(argv[1]) { new FakeJailOs(defaultOs) }
            def (code, out, err) = jail.answer(argv.drop(2), command.stdin())
            return new ExecResult(command, code as int, out as String, err as String)
        }
        new ExecResult(command, 0, '', '')
    }

    @Override
    void writeFile(Path path, String content) {
        writes[path] = content
    }

    @Override
    boolean dryRun() {
        false
    }

    /** Every argv word of every command, for "the secret never was an argument". */
    List<String> words() {
        commands.collectMany { it.argv() }
    }
}
