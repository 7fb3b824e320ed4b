package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

class MainSpec extends Specification {

    @TempDir
    Path tmp

    Map run(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, 'UTF-8'),
                new PrintStream(err, true, 'UTF-8'), false)
        [code: code, out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    def "help exits 0 and names the verbs"() {
        when:
        def r = run('--help')

        then:
        r.code == 0
        ['list', 'create', 'fstab', 'destroy', 'providers'].every { r.out.contains(it) }
    }

    def "--version and -V print what picocli's version help prints"() {
        given:
        def picocli = new StringWriter()
        Cli.commandLine(new ShellContext(new Output(System.out, System.err, false))).printVersionHelp(new PrintWriter(picocli))

        expect:
        run('--version') == [code: 0, out: picocli.toString(), err: '']
        run('-V') == [code: 0, out: picocli.toString(), err: '']
    }

    def "an unknown verb is a usage error with exit code 2 and no stack trace"() {
        when:
        def r = run('--root', tmp.toString(), 'frobnicate')

        then:
        r.code == 2
        r.err.contains('error:')
        !r.err.contains('at org.')
    }

    def "a missing argument is a usage error that points at help for the verb"() {
        when:
        def r = run('--root', tmp.toString(), 'get', 'vnet')

        then:
        r.code == 2
        r.err.contains("see 'jailsh help get'")
    }

    def "list -l --json lists an iocage tree, including a corrupt jail"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), 'list', '-l', '--json')
        def rows = new JsonSlurper().parseText(r.out)

        then:
        r.code == 0
        rows*.name == ['broken', 'db', 'web']
        rows.find { it.name == 'broken' }.state == 'CORRUPT'
        rows.find { it.name == 'web' }.ip4 == 'vnet0|192.168.1.10/24'
        rows.find { it.name == 'web' }.boot == 'on'
        rows.find { it.name == 'db' }.release == '13.2-RELEASE-p4'
    }

    def "the default list shows iocage's columns with the short release and bare addresses"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), 'list')
        def lines = r.out.readLines()

        then:
        lines[0].split(/\s+/) as List == ['JID', 'NAME', 'STATE', 'RELEASE', 'IP4']
        lines.find { it.contains('web') }.split(/\s+/) as List == ['-', 'web', 'down', '13.2-RELEASE', '192.168.1.10']
        r.err.contains('broken')
    }

    def "list -t shows templates only and -H prints tab-separated rows without a header"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), 'list', '-t', '-H')

        then:
        r.out.readLines() == ["-\tbase\tdown\t13.2-RELEASE\t-"]
    }

    def "get reads effective values: the jail's own over the defaults"() {
        given:
        IocageTree.write(tmp)

        expect:
        run('--root', tmp.toString(), 'get', 'vnet', 'web').out.trim() == '1'
        run('--root', tmp.toString(), 'get', 'interfaces', 'web').out.trim() == 'vnet0:bridge0'
        run('--root', tmp.toString(), 'get', 'priority', 'db').out.trim() == '10'
    }

    def "set validates strictly and changes nothing on a bad value"() {
        given:
        IocageTree.write(tmp)
        def before = Files.readString(tmp.resolve('jails/web/config.json'))

        when:
        def r = run('--root', tmp.toString(), 'set', 'vnet=maybe', 'web')

        then:
        r.code == 1
        r.err.trim() == "error: web: vnet 'maybe' is not valid: expected yes or no; use one of: on off yes no 1 0 true false"
        Files.readString(tmp.resolve('jails/web/config.json')) == before
    }

    def "set writes the change, keeps a backup, and reports up to date the second time"() {
        given:
        IocageTree.write(tmp)
        def before = Files.readString(tmp.resolve('jails/web/config.json'))

        when:
        def first = run('--root', tmp.toString(), 'set', 'notes=frontend', 'web')
        def second = run('--root', tmp.toString(), 'set', 'notes=frontend', 'web')

        then:
        first.code == 0
        first.out.contains('notes: none -> frontend')
        Files.readString(tmp.resolve('jails/web/config_backup.json')) == before
        new JsonSlurper().parse(tmp.resolve('jails/web/config.json').toFile()).notes == 'frontend'
        second.out.trim() == 'web: up to date'
    }

    def "an unknown property names the nearest ones"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), 'set', 'vnett=on', 'web')

        then:
        r.code == 1
        r.err.contains("'vnett' is not a valid property; did you mean vnet")
    }

    def "a read-only property is refused with a hint"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), 'set', 'release=14.0-RELEASE', 'web')

        then:
        r.code == 1
        r.err.contains('release cannot be changed by the user; use \'upgrade NAME -r RELEASE\'')
    }

    def "dry-run -c prints the plan of a jail block and changes nothing"() {
        when:
        def r = run('--root', tmp.toString(), '--dry-run', '-c',
                "jail('web') { release '13.1'; vnet true; mount '/mnt/tank/media' to '/media' }")

        then:
        r.code == 0
        r.out.contains('create web (clone of 13.1)')
        r.out.contains('"vnet": 1')
        r.out.contains('/mnt/tank/media')
        r.out.contains('web: plan only, nothing changed')
        !Files.exists(tmp.resolve('jails'))
    }

    def "a Groovy mistake is one line and exit code 2"() {
        when:
        def r = run('--root', tmp.toString(), '-c', "jail('web') { vnett true }")

        then:
        r.code == 2
        r.err.readLines().size() == 1
        r.err.contains("unknown verb or statement 'vnett'; did you mean vnet")
    }

    def "destroy without -f refuses when nobody can be asked"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), 'destroy', 'db')

        then:
        r.code == 2
        r.err.contains('db: not destroyed')
        Files.exists(tmp.resolve('jails/db/config.json'))
    }

    def "a prefix that matches several jails is an error listing them"() {
        given:
        IocageTree.write(tmp)
        Files.createDirectories(tmp.resolve('jails/web2'))
        Files.writeString(tmp.resolve('jails/web2/config.json'), '{"release": "13.2-RELEASE"}')

        expect:
        run('--root', tmp.toString(), 'get', 'vnet', 'web').out.trim() == '1'
        run('--root', tmp.toString(), 'get', 'vnet', 'we').err.contains("'we' matches several jails: web, web2")
    }

    def "activate without a pool provider says what is missing"() {
        when:
        def r = run('--root', tmp.toString(), 'activate', 'tank')

        then:
        r.code == 1
        r.err.contains('no storage provider with pools for the linux profile yet')
    }

    def "the freebsd profile without its providers says so for start"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), '--platform', 'freebsd', 'start', 'web')

        then:
        r.code == 1
        r.err.contains('no runtime provider for the freebsd profile')
    }

    def "several jails start in priority order and stop in reverse"() {
        given: 'db has priority 10, web the default 99'
        IocageTree.write(tmp)

        when:
        def start = run('--root', tmp.toString(), '--platform', 'freebsd', '--dry-run', 'start', 'web', 'db')
        def stop = run('--root', tmp.toString(), '--platform', 'freebsd', '--dry-run', 'stop', 'web', 'db')

        then:
        start.code == 0
        start.out.indexOf('start db (jail8)') < start.out.indexOf('start web (jail8)')
        stop.out.indexOf('stop web (jail8)') < stop.out.indexOf('stop db (jail8)')
    }

    def "one failing jail in a batch is reported, the others still run, and the exit code says so"() {
        given:
        IocageTree.write(tmp)

        when:
        def r = run('--root', tmp.toString(), '--platform', 'freebsd', '--dry-run', 'start', 'db', 'broken', 'web')

        then:
        r.code == 1
        r.err.contains('broken: ')
        r.err.contains('1 of 3 failed')
        r.out.contains('start db (jail8)')
        r.out.contains('start web (jail8)')
    }
}
