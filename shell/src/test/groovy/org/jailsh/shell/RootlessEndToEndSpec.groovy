package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * A jail run by an ordinary user: the spec (as root) creates a user, copies jailsh's classpath where that user can
 * read it, and runs the CLI as the user with runuser. The state root is in the user's home; user and home are
 * deleted at the end.
 */
@Stepwise
@Requires(value = { RootlessEndToEndSpec.ready() == null }, reason = 'needs root, useradd, runuser, /bin/busybox and unprivileged user namespaces')
class RootlessEndToEndSpec extends Specification {

    @Shared String user = 'jtuser' + (ProcessHandle.current().pid() % 100000)
    @Shared Path home
    @Shared String classpath
    @Shared boolean created

    static String ready() {
        if (!LinuxFlowsEndToEndSpec.isRoot()) {
            return 'not root'
        }
        for (String tool : ['/usr/sbin/useradd', '/usr/sbin/userdel', '/usr/sbin/runuser', '/bin/busybox']) {
            if (!Files.isExecutable(Path.of(tool))) {
                return 'missing ' + tool
            }
        }
        Path max = Path.of('/proc/sys/user/max_user_namespaces')
        Files.exists(max) && Files.readString(max).trim() == '0' ? 'user namespaces are off' : null
    }

    def setupSpec() {
        assert run(['id', user])[0] != 0: "a user $user exists already; it is not the spec's to use"
        sh('useradd', '-m', '-s', '/bin/sh', user)
        created = true
        home = Path.of(sh('getent', 'passwd', user).split(':')[5])
        classpath = copyClasspath(Files.createDirectories(home.resolve('classpath')))
    }

    def cleanupSpec() {
        if (!created) {
            return
        }
        if (home != null && Files.isDirectory(home.resolve('iocage'))) {
            cli('stop', 'ALL')
        }
        // whatever is left of the user's processes is the spec's: end them one by one
        run(['ps', '-u', user, '-o', 'pid='])[1].readLines()*.trim().findAll { it ==~ /\d+/ }.each {
            run(['kill', '-KILL', it])
        }
        Thread.sleep(200)
        assert !Files.readString(Path.of('/proc/self/mountinfo')).contains(home.toString())
        sh('userdel', '-r', user)
    }

    /** The test JVM's classpath, copied into the user's home (the originals may be under /root). */
    static String copyClasspath(Path into) {
        List<String> entries = []
        System.getProperty('java.class.path').split(File.pathSeparator).eachWithIndex { String entry, int i ->
            Path source = Path.of(entry)
            if (!Files.exists(source)) {
                return
            }
            Path target = into.resolve("$i-${source.fileName}")
            sh('cp', '-r', '--', source.toString(), target.toString())
            entries << target.toString()
        }
        sh('chmod', '-R', 'a+rX', into.toString())
        entries.join(File.pathSeparator)
    }

    /** The CLI as the user: [exit code, stdout + stderr]. */
    List cli(String... args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        run(['runuser', '-u', user, '--', java, '-XX:TieredStopAtLevel=1', '-cp', classpath, 'org.jailsh.shell.Main',
             '--root', home.resolve('iocage').toString()] + (args as List), home.toFile())
    }

    String ok(String... args) {
        def (code, out) = cli(args)
        assert code == 0: "${args.join(' ')}: $out"
        out
    }

    static List run(List<String> argv, File dir = null) {
        Process p = new ProcessBuilder(argv).directory(dir).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor(120, TimeUnit.SECONDS)
        [p.exitValue(), out]
    }

    static String sh(String... argv) {
        def (code, out) = run(argv as List)
        assert code == 0: "${argv.join(' ')}: $out"
        out
    }

    /** True once the user has no processes left, waiting up to 3 s; otherwise false, after printing them. */
    boolean userProcessesGone() {
        for (int i = 0; i < 30; i++) {
            if (run(['ps', '-u', user, '-o', 'pid=,stat=,args='])[1].isBlank()) {
                return true
            }
            Thread.sleep(100)
        }
        println run(['ps', '-u', user, '-o', 'pid=,stat=,args='])[1]
        false
    }

    def "an ordinary user fetches busybox and creates a jail, all in their home"() {
        when:
        ok('fetch', '-r', 'busybox')
        ok('create', '-r', 'busybox', '-n', 'web')

        then:
        Files.isExecutable(home.resolve('iocage/releases/busybox/root/bin/busybox'))
        sh('stat', '-c', '%U', home.resolve('iocage/jails/web').toString()).trim() == user
    }

    def "the jail starts in a user namespace where the user is root, and answers its name"() {
        when:
        ok('start', 'web')

        then:
        ok('exec', 'web', 'hostname').trim() == 'web'
        ok('exec', 'web', 'id', '-u').trim() == '0'
        ok('list').readLines().find { it.contains(' web ') }.contains(' up ')
    }

    def "a file the jail writes belongs to the user on the host"() {
        when:
        ok('exec', 'web', 'sh', '-c', 'echo rootless > /root/note')

        then:
        Path note = home.resolve('iocage/jails/web/overlay/upper/root/note')
        Files.readString(note) == 'rootless\n'
        sh('stat', '-c', '%U', note.toString()).trim() == user
    }

    def "stop and destroy leave nothing of the jail"() {
        when:
        ok('stop', 'web')
        ok('destroy', '-f', 'web')

        then: 'the parent of the init (unshare) may take a moment to follow it'
        userProcessesGone()
        !Files.exists(home.resolve('iocage/jails/web'))
    }

    def "what needs root fails with the reason: #what"() {
        given:
        ok(*(['create', '-r', 'busybox', '-n', name] + props))

        when:
        def (code, out) = cli('start', name)

        then:
        code != 0
        out.contains(reason)
        !ok('list').readLines().any { it.contains(" $name ") && it.contains(' up ') }

        cleanup:
        cli('destroy', '-f', name)

        where:
        what                     | name  | props                                       | reason
        'a VNET jail on a bridge' | 'v'   | ['vnet=on', 'ip4_addr=vnet0|10.9.0.2/24']   | 'netns: needs root: bridges and veth pairs live on the host'
        'a process limit'        | 'lim' | ['maxproc=deny=20']                         | 'lim: cannot apply memoryuse/maxproc: cannot create '
    }
}
