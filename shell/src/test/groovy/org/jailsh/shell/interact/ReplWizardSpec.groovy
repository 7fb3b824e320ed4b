package org.jailsh.shell.interact

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.shell.IocageTree
import org.jailsh.shell.Output
import org.jailsh.shell.Repl
import org.jailsh.shell.ShellContext
import org.jailsh.store.IocageJson
import org.jline.terminal.impl.ExternalTerminal
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.environment.RestoreSystemProperties

/**
 * The wizard at {@code jailsh>}: the REPL on a terminal (not a dumb one) over byte streams asks through JLine, and
 * the shell goes on afterwards. On a dumb terminal (a pipe) create alone stays a usage error.
 */
@RestoreSystemProperties
class ReplWizardSpec extends Specification {

    @TempDir
    Path tmp

    @TempDir
    Path home

    def setup() {
        System.setProperty('user.home', home.toString())
        IocageTree.write(tmp)
        Files.createDirectories(tmp.resolve('releases/uxrel/root/bin'))
    }


    String repl(String input) {
        def out = new ByteArrayOutputStream()
        def printer = new PrintStream(out, true, 'UTF-8')
        def context = new ShellContext(new Output(printer, printer, false))
        context.root(tmp)
        def terminal = new ExternalTerminal('ux', 'xterm', new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                out, StandardCharsets.UTF_8)
        assert new Repl(context, terminal).run() == 0
        out.toString('UTF-8')
    }

    def "create alone at jailsh> runs the wizard with line editing, then the shell goes on"() {
        when:
        def out = repl('create\nuxrepl\n\n\ndhcp\ny\n1 + 41\n')

        then:
        out.contains('Jail name')
        out.contains('create -r uxrel -n uxrepl vnet=on dhcp=on')
        out.contains('uxrepl: created')
        out.contains('42')
        IocageJson.read(tmp.resolve('jails/uxrepl/config.json')).dhcp == 1
    }

    /** Ctrl-D, not Ctrl-C: over byte streams a signal is raised when the input is pumped, before anyone reads. */
    def "Ctrl-D in the wizard cancels it and the shell goes on"() {
        when:
        def out = repl('create\nuxgone\n\u0004list\n')

        then:
        out.contains('create cancelled; nothing was changed')
        out.contains('JID')
        !Files.exists(tmp.resolve('jails/uxgone'))
    }
}
