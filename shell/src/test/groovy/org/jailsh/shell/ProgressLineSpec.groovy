package org.jailsh.shell

import spock.lang.Specification

class ProgressLineSpec extends Specification {

    def "a download is drawn as a bar with its share and size"() {
        expect:
        ProgressLine.render('download alpine', done, total) == line

        where:
        done     | total    | line
        0        | 3145728  | 'download alpine [                        ]   0%  0.0 of 3.0 MB'
        1572864  | 3145728  | 'download alpine [############            ]  50%  1.5 of 3.0 MB'
        3145728  | 3145728  | 'download alpine [########################] 100%  3.0 of 3.0 MB'
        5242880  | -1       | 'download alpine  5.0 MB'
    }

    def "on a terminal the line is redrawn in place at most every 100 ms and ended when complete"() {
        given:
        def err = new ByteArrayOutputStream()
        long now = 0
        def bar = new ProgressLine(new PrintStream(err, true, 'UTF-8'), true, { now })

        when:
        bar.update('t', 0, 100)
        now += 50_000_000
        bar.update('t', 10, 100)
        now += 60_000_000
        bar.update('t', 20, 100)
        bar.update('t', 100, 100)

        then:
        err.toString('UTF-8').split('\r').findAll { it }.collect { (it =~ /(\d+)%/)[0][1] } == ['0', '20', '100']
        err.toString('UTF-8').endsWith('100%  0.0 of 0.0 MB\u001b[K\n')
    }

    def "off a terminal nothing is drawn"() {
        given:
        def err = new ByteArrayOutputStream()

        when:
        new ProgressLine(new PrintStream(err, true, 'UTF-8'), false, { 0L }).update('t', 50, 100)

        then:
        err.size() == 0
    }
}
