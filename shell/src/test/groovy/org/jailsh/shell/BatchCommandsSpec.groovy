package org.jailsh.shell

import java.nio.file.Path

import spock.lang.Specification
import spock.lang.TempDir

/** The seed's checkboxes: one verb on several jails, each reported, a summary per batch, the exit code honest. */
class BatchCommandsSpec extends Specification {

    @TempDir
    Path tmp

    Map run(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run((['--root', tmp.toString(), '--platform', 'freebsd', '--dry-run'] + (args as List))
                as String[], new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, 'UTF-8'),
                new PrintStream(err, true, 'UTF-8'), false)
        [code: code, out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    def "update web db updates both, each with its own outcome, and ends with a summary"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('update', 'web', 'db')

        then:
        r.code == 0
        r.out.contains('web: plan only')
        r.out.contains('db: plan only')
        r.err.readLines().contains('update: done web, db')
        !r.err.contains('failed')
    }

    def "a failing jail in an update batch is named in the summary, the others still run, and the exit code is 1"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('update', 'web', 'broken', 'db')

        then:
        r.code == 1
        r.err.contains('broken: ')
        r.out.contains('web: plan only')
        r.out.contains('db: plan only')
        r.err.readLines().contains('update: done web, db; failed broken')
        r.err.contains('1 of 3 failed')
    }

    def "a single jail has no summary line: its outcome says it all"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('update', 'web')

        then:
        r.code == 0
        !r.err.contains('update: done')
    }
}
