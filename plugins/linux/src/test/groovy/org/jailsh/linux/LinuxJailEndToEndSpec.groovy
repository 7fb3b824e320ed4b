package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import org.jailsh.linux.internal.RunRecord
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshException
import org.jailsh.spi.JailRef
import org.jailsh.spi.MountEntry
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.spi.RootSource
import org.jailsh.spi.ValidationException
import org.jailsh.spi.exec.LocalHostExec
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Real jails, as root: a busybox release, a clone jail in namespaces, its mounts, and that nothing is left behind.
 * Not @TempDir: its cleanup deletes through symlinks and mounts. The state root is removed with
 * {@code rm -rf --one-file-system} only after the jail is gone and nothing under it is mounted.
 */
@Stepwise
@Requires(value = { Host.isRoot() }, reason = 'needs root: namespaces, overlayfs and bind mounts')
class LinuxJailEndToEndSpec extends Specification {

    @Shared Path base
    @Shared List<String> log = Collections.synchronizedList([])
    @Shared ProviderContext ctx
    @Shared DirStorageProvider storage = new DirStorageProvider()
    @Shared NamespaceRuntimeProvider runtime = new NamespaceRuntimeProvider()
    @Shared JailRef web
    @Shared List<String> mountsBefore
    @Shared long started = System.nanoTime()

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-linux-e2e-')
        ctx = new ProviderContext(new LocalHostExec({ log << it }),
                new HostFacts(Platform.LINUX, true, base, System.getenv()), Reporter.SILENT)
        mountsBefore = mountinfo()
    }

    def cleanupSpec() {
        try {
            [web, jail('evil'), jail('trick'), jail('quick')].findAll { it != null }.each { j ->
                RunRecord.read(j.dir()).ifPresent { run ->
                    new ProcessBuilder('kill', '-KILL', "$run.pid").start().waitFor()
                }
            }
            Thread.sleep(100)
            List<String> leaked = mountinfo().findAll { it.contains(base.toString()) }
            leaked.reverse().each { line ->
                new ProcessBuilder('umount', '-l', line.split(' ')[4]).inheritIO().start().waitFor()
            }
            assert mountinfo().every { !it.contains(base.toString()) }: 'mounts left under the state root'
            new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
        } finally {
            println "LinuxJailEndToEndSpec: ${(System.nanoTime() - started).intdiv(1_000_000)} ms in all"
        }
    }

    static List<String> mountinfo() {
        new File('/proc/self/mountinfo').readLines()
    }

    JailRef jail(String name, Map props = [:]) {
        Path dir = base.resolve('jails').resolve(name)
        new JailRef(name, dir, dir.resolve('root'), [host_hostname: "e2e-$name".toString(),
                exec_start: '/bin/sh /etc/rc', exec_stop: '/bin/sh /etc/rc.shutdown', stop_timeout: '5',
                resolver: '/etc/resolv.conf', host_time: 1, vnet: 0, ip4_addr: 'none', ip6_addr: 'none'] + props)
    }

    Path release() {
        base.resolve('releases/busybox/root')
    }

    List<MountEntry> mounts(JailRef j) {
        storage.rootMounts(j) + [new MountEntry(base.resolve('host/ro').toString(), '/mnt/ro', 'nullfs', 'ro'),
                                 new MountEntry(base.resolve('host/rw').toString(), '/mnt/rw', 'nullfs', 'rw')]
    }

    String run(String... argv) {
        def result = runtime.exec(web, argv as List, 'root', false, ctx)
        assert result.ok(): "${argv.join(' ')} failed in the jail: ${result.stderr()}"
        result.stdout()
    }

    def "fetch builds the busybox release: a static busybox and one relative link per applet"() {
        when:
        new BusyboxReleaseProvider().fetch(ReleaseRequest.named('busybox'), base.resolve('download/busybox'), release(),
                ctx)

        then:
        Files.isExecutable(release().resolve('bin/busybox'))
        Files.readSymbolicLink(release().resolve('bin/sh')).toString() == 'busybox'
        Files.readSymbolicLink(release().resolve('usr/bin/env')).toString() == '../../bin/busybox'
        Files.readString(release().resolve('etc/jailsh-release')).startsWith('NAME=busybox\nVERSION=')
    }

    def "a clone jail is created without copying the release"() {
        given:
        web = jail('web')
        Files.createDirectories(base.resolve('host/ro'))
        Files.createDirectories(base.resolve('host/rw'))
        Files.writeString(base.resolve('host/ro/data'), 'read only\n')

        when:
        storage.create(web, new RootSource(RootSource.Mode.CLONE, 'busybox', release(), false), ctx)

        then:
        Files.list(web.root()).count() == 0
        Files.list(web.dir().resolve('overlay/upper')).count() == 0
        storage.rootMounts(web)[0].options().startsWith("lowerdir=${release()},".toString())
    }

    def "the jail starts, runs its rc, and stays up after jailsh's command returns"() {
        given: 'a service of the jail that exec_start (/bin/sh /etc/rc) runs'
        Path rcd = Files.createDirectories(web.dir().resolve('overlay/upper/etc/rc.d'))
        Files.writeString(rcd.resolve('10-hello.start'), '#!/bin/sh\necho started > /tmp/hello\n')
        rcd.resolve('10-hello.start').toFile().setExecutable(true)

        when:
        long t0 = System.nanoTime()
        def state = runtime.start(web, mounts(web), ctx)
        println "start: ${(System.nanoTime() - t0).intdiv(1_000_000)} ms"

        then:
        state.up()
        runtime.state(web, ctx) == state
        Files.readString(web.dir().resolve('overlay/upper/tmp/hello')) == 'started\n'
        mountinfo().every { !it.contains(base.toString()) }
    }

    def "exec hostname answers the jail's host_hostname"() {
        expect:
        run('hostname').trim() == 'e2e-web'
        runtime.exec(web, ['sh', '-c', 'exit 7'], 'root', false, ctx).exitCode() == 7
    }

    def "ps inside sees only the jail's processes, and PID 1 is its init"() {
        when:
        def lines = run('ps', '-o', 'pid,args').readLines().drop(1)*.trim()

        then:
        lines.find { it.startsWith('1 ') }.contains('trap')
        lines.size() <= 4
        lines.every { !it.contains('java') && !it.contains('process_api') }
    }

    def "a file written inside is absent from the release"() {
        when:
        run('sh', '-c', 'echo inside > /root/inside.txt')

        then:
        Files.readString(web.dir().resolve('overlay/upper/root/inside.txt')) == 'inside\n'
        !Files.exists(release().resolve('root/inside.txt'))
    }

    def "a read-only mount refuses writes and a read-write one shows on the host"() {
        expect:
        run('cat', '/mnt/ro/data') == 'read only\n'
        runtime.exec(web, ['sh', '-c', 'echo x > /mnt/ro/new'], 'root', false, ctx).exitCode() != 0
        !Files.exists(base.resolve('host/ro/new'))

        when:
        run('sh', '-c', 'echo from-jail > /mnt/rw/new')

        then:
        Files.readString(base.resolve('host/rw/new')) == 'from-jail\n'
    }

    def "the jail has its own /dev, /proc and loopback, and the host's resolv.conf"() {
        expect:
        run('ls', '/dev').split() as Set == ['null', 'zero', 'full', 'random', 'urandom', 'tty', 'pts', 'ptmx', 'shm',
                                            'fd', 'stdin', 'stdout', 'stderr'] as Set
        run('cat', '/proc/1/comm').trim() == 'sh'
        run('cat', '/proc/net/dev').contains('lo:')
        !run('cat', '/proc/net/dev').contains('eth0')
        Path resolv = Path.of('/etc/resolv.conf')
        !Files.exists(resolv) || run('cat', '/etc/resolv.conf') == Files.readString(resolv)
    }

    def "a planted symlink destination is refused before anything starts"() {
        given:
        def evil = jail('evil')
        storage.create(evil, new RootSource(RootSource.Mode.CLONE, 'busybox', release(), false), ctx)
        Path outside = Files.createDirectories(base.resolve('host/outside'))
        Sandbox.link(base, evil.dir().resolve('overlay/upper/media'), outside.toString())

        when:
        runtime.start(evil, storage.rootMounts(evil) + [new MountEntry(base.resolve('host/rw').toString(), '/media',
                'nullfs', 'rw')], ctx)

        then:
        def e = thrown(ValidationException)
        e.message == "evil: mount destination /media is a symlink that leaves the jail (-> $outside)".toString()
        !runtime.state(evil, ctx).up()
        mountinfo().every { !it.contains(base.toString()) }

        cleanup:
        Sandbox.removeLinks(evil.dir())
        storage.destroy(evil, ctx)
    }

    def "a symlink that only an earlier mount brings in is refused by the jail's own start, leaving nothing"() {
        given: 'a host directory with a link in it, mounted first, and a second mount through that link'
        def trick = jail('trick', [exec_start: 'none'])
        storage.create(trick, new RootSource(RootSource.Mode.CLONE, 'busybox', release(), false), ctx)
        Path outside = Files.createDirectories(base.resolve('host/outside'))
        Path shared = Files.createDirectories(base.resolve('host/shared'))
        Sandbox.link(base, shared.resolve('x'), outside.toString())

        when:
        runtime.start(trick, storage.rootMounts(trick) + [
                new MountEntry(shared.toString(), '/mnt/a', 'nullfs', 'ro'),
                new MountEntry(base.resolve('host/rw').toString(), '/mnt/a/x/sub', 'nullfs', 'rw')], ctx)

        then:
        def e = thrown(JailshException)
        e.message == 'trick: cannot start: /mnt/a/x/sub: /mnt/a/x is a symlink; use a plain directory inside the jail'
        !Files.exists(outside.resolve('sub'))
        !runtime.state(trick, ctx).up()
        mountinfo().every { !it.contains(base.toString()) }

        cleanup:
        Sandbox.removeLinks(shared)
        storage.destroy(trick, ctx)
    }

    def "a jail stopped right after its init started ends on SIGTERM, not after stop_timeout"() {
        given:
        def quick = jail('quick', [exec_start: 'none', exec_stop: 'none', stop_timeout: '10'])
        storage.create(quick, new RootSource(RootSource.Mode.CLONE, 'busybox', release(), false), ctx)
        List<Long> millis = []

        when:
        30.times {
            runtime.create(quick, storage.rootMounts(quick), ctx)
            long t0 = System.nanoTime()
            runtime.stop(quick, ctx)
            millis << (System.nanoTime() - t0).intdiv(1_000_000)
        }

        then:
        millis.every { it < 5000 }
        !log.any { it.contains('kill -KILL') }
        !runtime.state(quick, ctx).up()

        cleanup:
        storage.destroy(quick, ctx)
    }

    def "stop leaves no process, no mount and no namespace behind"() {
        given:
        def run = RunRecord.read(web.dir()).get()
        String pidNamespace = Files.readSymbolicLink(Path.of("/proc/$run.pid/ns/pid")).toString()
        String mountNamespace = Files.readSymbolicLink(Path.of("/proc/$run.pid/ns/mnt")).toString()

        when:
        long t0 = System.nanoTime()
        runtime.stop(web, ctx)
        println "stop: ${(System.nanoTime() - t0).intdiv(1_000_000)} ms"

        then:
        !runtime.state(web, ctx).up()
        !Files.exists(web.dir().resolve('.jailsh-run'))
        liveProcessesIn(pidNamespace).isEmpty()
        liveProcessesIn(mountNamespace).isEmpty()
        mountinfo().findAll { it.contains(base.toString()) } == []
        (mountinfo() - mountsBefore).findAll { it.contains('overlay') || it.contains('/mnt/') } == []
    }

    @Requires(value = { NsHelper.host().built() }, reason = 'jailsh-ns was not built: no C compiler at build time')
    def "the starts so far went through jailsh-ns, written once into the state root, owner-only"() {
        given:
        Path bin = base.resolve('.jailsh/bin')

        expect:
        log.any { it.startsWith('exec: ' + bin.resolve('jailsh-ns-')) }
        log.any { it.startsWith('exec: ' + bin.resolve('jailsh-ns-')) && it.contains(' -e ') }
        !log.any { it.contains('jailsh-launch') }
        Files.list(bin).toList()*.fileName*.toString().every { it ==~ /jailsh-ns-[0-9a-f]{16}/ }
        Files.list(bin).count() == 1
        Files.getPosixFilePermissions(Files.list(bin).findFirst().get()) == PosixFilePermissions.fromString('r-x------')
    }

    def "with JAILSH_NS_HELPER=off the shell scripts assemble the same jail"() {
        given:
        def scripted = new ProviderContext(ctx.exec(), new HostFacts(Platform.LINUX, true, base,
                System.getenv() + [(NsHelper.OFF): 'off']), Reporter.SILENT)
        int before = log.size()

        when:
        runtime.start(web, mounts(web), scripted)
        def dev = runtime.exec(web, ['ls', '/dev'], 'root', false, scripted).stdout().split() as Set
        int readOnly = runtime.exec(web, ['sh', '-c', 'echo x > /mnt/ro/new'], 'root', false, scripted).exitCode()
        String hostname = runtime.exec(web, ['hostname'], 'root', false, scripted).stdout().trim()
        runtime.stop(web, scripted)
        def commands = log.subList(before, log.size()).findAll { it.startsWith('exec: ') }

        then:
        commands.any { it.contains('jailsh-launch') }
        commands.every { !it.contains('/.jailsh/bin/') }
        dev == ['null', 'zero', 'full', 'random', 'urandom', 'tty', 'pts', 'ptmx', 'shm', 'fd', 'stdin', 'stdout',
                'stderr'] as Set
        readOnly != 0
        hostname == 'e2e-web'
        !runtime.state(web, ctx).up()
        mountinfo().findAll { it.contains(base.toString()) } == []
    }

    def "destroy leaves nothing of the jail, and the release as it was"() {
        when:
        storage.destroy(web, ctx)

        then:
        !Files.exists(web.dir())
        Files.exists(release().resolve('bin/busybox'))
        !Files.exists(release().resolve('root/inside.txt'))
    }

    /** Processes (zombies aside) in the namespace named like {@code pid:[4026532000]}. */
    static List<String> liveProcessesIn(String namespace) {
        String kind = namespace.substring(0, namespace.indexOf(':'))
        new File('/proc').listFiles().findAll { it.name ==~ /\d+/ }.findAll { dir ->
            try {
                String stat = new File(dir, 'stat').text
                String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
                state != 'Z' && Files.readSymbolicLink(dir.toPath().resolve("ns/$kind")).toString() == namespace
            } catch (IOException ignored) {
                false
            }
        }*.name
    }
}
