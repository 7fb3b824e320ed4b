package org.jailsh.freebsd

import java.nio.file.Path

import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostExec
import org.jailsh.testkit.RecordingHostExec

/**
 * A RecordingHostExec whose answers for some argv prefixes change from call to call (a pending install that is gone
 * after the second pass); everything is still recorded by the wrapped recorder.
 */
class ScriptedExec implements HostExec {

    final RecordingHostExec recorder
    private final Map<List<String>, Deque<Integer>> exits = [:]

    ScriptedExec(RecordingHostExec recorder) {
        this.recorder = recorder
    }

    /** Successive exit codes for commands starting with {@code prefix}; the last one repeats. */
    ScriptedExec exits(List<String> prefix, List<Integer> codes) {
        exits[prefix] = new ArrayDeque<>(codes)
        this
    }

    ExecResult run(Command command) {
        ExecResult answer = recorder.run(command)
        def scripted = exits.find { prefix, codes ->
            command.argv().size() >= prefix.size() && command.argv().subList(0, prefix.size()) == prefix
        }
        if (scripted == null) {
            return answer
        }
        Deque<Integer> codes = scripted.value
        int code = codes.size() > 1 ? codes.poll() : codes.peek()
        new ExecResult(command, code, answer.stdout(), answer.stderr())
    }

    void writeFile(Path path, String content) {
        recorder.writeFile(path, content)
    }

    boolean dryRun() {
        false
    }
}
