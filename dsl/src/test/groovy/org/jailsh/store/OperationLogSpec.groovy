package org.jailsh.store

import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Specification
import spock.lang.TempDir

class OperationLogSpec extends Specification {

    @TempDir
    Path tmp

    def "each line is 'YYYY/MM/DD HH:MM:SS (LEVEL) message', as iocage.log has it"() {
        given:
        def log = new OperationLog(tmp.resolve('log/jailsh.log'))

        when:
        log.info('web: + create web')
        log.write('ERROR', 'web: start failed')

        then:
        def lines = Files.readAllLines(log.file())
        lines.size() == 2
        lines[0] ==~ /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \(INFO\) web: \+ create web/
        lines[1] ==~ /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \(ERROR\) web: start failed/
    }

    def "a multi-line message is indented so every line still starts with a timestamp or whitespace"() {
        given:
        def log = new OperationLog(tmp.resolve('log/jailsh.log'))

        when:
        log.write('DEBUG', 'exit 1\nline two\nline three')

        then:
        Files.readAllLines(log.file()).drop(1) == ['    line two', '    line three']
    }

    def "nothing is created until something is logged"() {
        when:
        new OperationLog(tmp.resolve('log/jailsh.log'))

        then:
        !Files.exists(tmp.resolve('log'))
    }

    def "a log that cannot be written never fails the operation"() {
        given: 'the log directory is a file'
        Files.writeString(tmp.resolve('log'), 'not a directory')
        def log = new OperationLog(tmp.resolve('log/jailsh.log'))

        when:
        log.info('hello')

        then:
        noExceptionThrown()
    }

    def "a full log is rotated to .1 and the new one starts empty"() {
        given:
        Path file = tmp.resolve('log/jailsh.log')
        Files.createDirectories(file.parent)
        Files.write(file, new byte[10 << 20])
        Files.writeString(tmp.resolve('log/jailsh.log.1'), 'older')

        when:
        new OperationLog(file).info('fresh')

        then:
        Files.size(tmp.resolve('log/jailsh.log.1')) == 10 << 20
        Files.readString(tmp.resolve('log/jailsh.log.2')) == 'older'
        Files.readAllLines(file).size() == 1
    }

    def "stamps are local time as iocage.log has it: #millis at offset #offset is #stamp"() {
        expect:
        OperationLog.stamp(millis, offset) == stamp

        where:
        millis         | offset        | stamp
        0L             | 0             | '1970/01/01 00:00:00'
        951782400000L  | 0             | '2000/02/29 00:00:00'
        951782400000L  | -3_600_000    | '2000/02/28 23:00:00'
        -1L            | 0             | '1969/12/31 23:59:59'
        1796417941999L | 19_800_000    | '2026/12/05 02:29:01'
    }

    def "the stamp agrees with java.time in this JVM's zone"() {
        given:
        long now = 1796417941000L

        expect:
        OperationLog.stamp(now) == java.time.format.DateTimeFormatter.ofPattern('yyyy/MM/dd HH:mm:ss')
                .format(java.time.Instant.ofEpochMilli(now).atZone(java.time.ZoneId.systemDefault()))
    }
}
