package org.jailsh.linux

import org.jailsh.spi.Command
import org.jailsh.spi.exec.LocalHostExec
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification

/** HostExec.run(command, lines): what the providers' progress (tar --verbose, apt) is built on. */
class StreamedOutputSpec extends Specification {

    def "the local host hands each line over while the command still runs, and keeps the whole output"() {
        given:
        List<List<Object>> seen = []
        long start = System.nanoTime()

        when:
        def result = new LocalHostExec({ }).run(Command.of('sh', '-c', 'echo one; sleep 1; printf two'),
                { line -> seen << [line, System.nanoTime() - start] })
        long ended = System.nanoTime() - start

        then:
        seen*.get(0) == ['one', 'two']
        ended - (seen[0][1] as long) > 500_000_000L
        result.stdout() == 'one\ntwo'
        result.ok()
    }

    def "a host that cannot stream hands the lines over at the end"() {
        given:
        def exec = new RecordingHostExec()
        exec.answer(['tar'], 0, 'a\nb\n', '')
        List<String> seen = []

        when:
        exec.run(Command.of('tar', '-x'), { seen << it })

        then:
        seen == ['a', 'b']
    }
}
