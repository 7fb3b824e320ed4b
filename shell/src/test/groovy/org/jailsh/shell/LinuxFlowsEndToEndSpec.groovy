package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The template and basejail flows of the Linux profile, through the CLI in this JVM (Main.run), on real jails. Not
 * @TempDir: the state root is removed with {@code rm -rf --one-file-system} after every jail is stopped and nothing
 * under it is mounted.
 */
@Stepwise
@Requires(value = { LinuxFlowsEndToEndSpec.isRoot() && Files.isExecutable(Path.of('/bin/busybox')) },
        reason = 'needs root (namespaces, overlayfs) and /bin/busybox (busybox-static)')
class LinuxFlowsEndToEndSpec extends Specification {

    @Shared Path base

    static boolean isRoot() {
        Files.readAllLines(Path.of('/proc/self/status')).find { it.startsWith('Uid:') }.split(/\s+/)[2] == '0'
    }

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-flows-e2e-')
    }

    def cleanupSpec() {
        if (base == null || !base.isAbsolute() || !base.fileName.toString().startsWith('jailsh-flows-e2e-')) {
            return
        }
        cli('stop', 'ALL')
        Thread.sleep(100)
        assert !Files.readString(Path.of('/proc/self/mountinfo')).contains(base.toString())
        new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
    }

    /** [exit code, stdout, stderr] of one CLI line, run in this JVM. */
    List cli(String... args) {
        new RootCli(base).run(args)
    }

    String ok(String... args) {
        new RootCli(base).ok(args)
    }

    Path release() {
        base.resolve('releases/busybox/root')
    }

    def "a stopped jail becomes a template: listed with -t only, and never started"() {
        given:
        ok('fetch', '-r', 'busybox')
        ok('create', '-r', 'busybox', '-n', 'tmpl')
        ok('start', 'tmpl')
        ok('exec', 'tmpl', 'sh', '-c', 'echo from-template > /etc/motd')
        ok('stop', 'tmpl')

        when:
        ok('set', 'template=yes', 'tmpl')
        def started = cli('start', 'tmpl')

        then:
        Files.isDirectory(base.resolve('templates/tmpl'))
        !Files.exists(base.resolve('jails/tmpl'))
        ok('list', '-t').readLines().any { it.contains(' tmpl ') }
        !ok('list').readLines().any { it.contains(' tmpl ') }
        started[0] != 0
        started[2].contains('tmpl is a template and templates cannot be started')
    }

    def "a jail created from the template sees its files, and what it writes stays its own"() {
        when:
        ok('create', '-t', 'tmpl', '-n', 'c1')
        ok('start', 'c1')
        String motd = ok('exec', 'c1', 'cat', '/etc/motd')
        ok('exec', 'c1', 'sh', '-c', 'echo mine > /root/c1.txt && echo changed > /etc/motd')

        then:
        motd == 'from-template\n'
        ok('exec', 'c1', 'cat', '/root/c1.txt') == 'mine\n'
        ok('exec', 'c1', 'cat', '/etc/motd') == 'changed\n'
        Files.walk(base.resolve('templates/tmpl')).withCloseable { s -> s.noneMatch { it.fileName.toString() == 'c1.txt' } }
        Files.readString(base.resolve('templates/tmpl/overlay/upper/etc/motd')) == 'from-template\n'
        !Files.exists(release().resolve('etc/motd')) || Files.readString(release().resolve('etc/motd')) != 'changed\n'
    }

    def "the template cannot be destroyed while a jail is made from it"() {
        when:
        def destroyed = cli('destroy', '-f', 'tmpl')

        then:
        destroyed[0] != 0
        destroyed[2].contains('tmpl is the template of c1')
        Files.isDirectory(base.resolve('templates/tmpl/overlay/upper'))

        when: 'its jail goes first'
        ok('stop', 'c1')
        ok('destroy', '-f', 'c1')
        ok('destroy', '-f', 'tmpl')

        then:
        !Files.exists(base.resolve('templates/tmpl'))
        !Files.exists(base.resolve('jails/c1'))
    }

    def "a basejail has the release's system directories read-only and its own /etc"() {
        when:
        ok('create', '-b', '-r', 'busybox', '-n', 'bj')
        ok('start', 'bj')
        def touched = cli('exec', 'bj', 'touch', '/bin/x')

        then:
        touched[0] != 0
        touched[2].contains('Read-only file system') || touched[1].contains('Read-only file system')
        !Files.exists(release().resolve('bin/x'))
        cli('exec', 'bj', 'touch', '/usr/x')[0] != 0
        ok('exec', 'bj', 'sh', '-c', 'echo own > /etc/own && cat /etc/own') == 'own\n'
        !Files.exists(release().resolve('etc/own'))
        ok('exec', 'bj', 'mount').readLines().findAll { it =~ / on \/(bin|sbin|usr) / }.every { it.contains('(ro') }
    }

    def "a file added to the release's /usr shows up in the basejail without recreating it"() {
        given:
        Files.createDirectories(release().resolve('usr/share'))
        Files.writeString(release().resolve('usr/share/added-later'), 'upgraded\n')

        expect: 'while it runs'
        ok('exec', 'bj', 'cat', '/usr/share/added-later') == 'upgraded\n'

        when: 'and after a restart'
        ok('stop', 'bj')
        ok('start', 'bj')

        then:
        ok('exec', 'bj', 'cat', '/usr/share/added-later') == 'upgraded\n'

        cleanup:
        cli('stop', 'bj')
        cli('destroy', '-f', 'bj')
    }
}
