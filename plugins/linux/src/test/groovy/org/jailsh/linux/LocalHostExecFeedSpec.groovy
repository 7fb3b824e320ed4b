package org.jailsh.linux

import org.jailsh.spi.Command
import org.jailsh.spi.exec.LocalHostExec
import spock.lang.Specification

/** A command that exits without reading the input jailsh feeds it is judged by its exit code, not by the pipe. */
class LocalHostExecFeedSpec extends Specification {

    def "a command that ignores its stdin still returns its own exit code and output"() {
        given: 'more input than a pipe holds, so the write is still going when the command exits'
        def exec = new LocalHostExec({ })
        def input = 'x' * (4 * 1024 * 1024)

        when:
        def result = exec.run(Command.of('sh', '-c', 'echo done; exit 3').withStdin(input))

        then:
        result.exitCode() == 3
        result.stdout().trim() == 'done'
    }
}
