package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.linux.internal.RunRecord
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.spi.RootSource
import org.jailsh.spi.exec.LocalHostExec
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * memoryuse and maxproc on a real jail, as root, with the host's cgroups (v1 or v2). Not @TempDir: the state root is
 * removed with {@code rm -rf --one-file-system} once the jail is gone and nothing under it is mounted.
 */
@Stepwise
@Requires(value = { Host.isRoot() }, reason = 'needs root: namespaces, overlayfs and cgroups')
class LinuxLimitsEndToEndSpec extends Specification {

    @Shared Path base
    @Shared ProviderContext ctx
    @Shared DirStorageProvider storage = new DirStorageProvider()
    @Shared NamespaceRuntimeProvider runtime = new NamespaceRuntimeProvider()
    @Shared JailRef lim
    @Shared List<Path> cgroups

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-limits-e2e-')
        ctx = new ProviderContext(new LocalHostExec({}), new HostFacts(Platform.LINUX, true, base, System.getenv()),
                Reporter.SILENT)
        Path release = base.resolve('releases/busybox/root')
        new BusyboxReleaseProvider().fetch(ReleaseRequest.named('busybox'), base.resolve('download/busybox'), release,
                ctx)
        Path dir = base.resolve('jails/lim')
        lim = new JailRef('lim', dir, dir.resolve('root'), [host_hostname: 'lim', exec_start: 'none',
                exec_stop: 'none', stop_timeout: '5', resolver: '/dev/null', host_time: 0, vnet: 0, ip4_addr: 'none',
                ip6_addr: 'none', maxproc: 'deny=20', memoryuse: 'deny=64m'])
        storage.create(lim, new RootSource(RootSource.Mode.CLONE, 'busybox', release, false), ctx)
    }

    def cleanupSpec() {
        RunRecord.read(lim.dir()).ifPresent { run -> new ProcessBuilder('kill', '-KILL', "$run.pid").start().waitFor() }
        Thread.sleep(200)
        cgroups?.findAll { Files.isDirectory(it) }?.each { new ProcessBuilder('rmdir', it.toString()).start().waitFor() }
        assert new File('/proc/self/mountinfo').readLines().every { !it.contains(base.toString()) }
        new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
    }

    String limit(String v1File, String v2File) {
        Path dir = cgroups.find { Files.exists(it.resolve(v1File)) || Files.exists(it.resolve(v2File)) }
        Files.readString(Files.exists(dir.resolve(v1File)) ? dir.resolve(v1File) : dir.resolve(v2File)).trim()
    }

    /** Live processes (not zombies) of the jail's PID namespace, as the host sees them. */
    int processesInJail() {
        long init = RunRecord.read(lim.dir()).get().pid()
        String ns = Files.readSymbolicLink(Path.of("/proc/$init/ns/pid")).toString()
        LinuxJailEndToEndSpec.liveProcessesIn(ns).size()
    }

    def "start puts the jail's init into cgroups named after it, with memoryuse and maxproc as their limits"() {
        when:
        def state = runtime.start(lim, storage.rootMounts(lim), ctx)
        cgroups = Files.readAllLines(lim.dir().resolve('.jailsh-cgroups')).collect { Path.of(it) }

        then:
        state.up()
        cgroups.every { it.toString().endsWith('/jailsh/lim') && Files.isDirectory(it) }
        cgroups.every { Files.readAllLines(it.resolve('cgroup.procs')).contains(state.jid()) }
        limit('memory.limit_in_bytes', 'memory.max') == "${64 << 20}"
        limit('pids.max', 'pids.max') == '20'
    }

    def "a fork loop started with exec cannot take the jail past maxproc"() {
        when: 'forty background sleeps are asked for; the shell gives up when fork fails'
        def result = runtime.exec(lim, ['sh', '-c',
                'for i in $(seq 40); do sleep 30 >/dev/null 2>&1 & done; echo all forked'], 'root', false, ctx)

        then:
        !result.stdout().contains('all forked')
        result.stderr().contains("can't fork")
        processesInJail() <= 20
        limit('pids.current', 'pids.current') as int <= 20
    }

    def "a process that needs more memory than memoryuse is killed, and the jail stays up"() {
        given: 'the sleeps of the fork loop killed from the host (in the jail not even kill could be forked)'
        long init = RunRecord.read(lim.dir()).get().pid()
        String ns = Files.readSymbolicLink(Path.of("/proc/$init/ns/pid")).toString()
        LinuxJailEndToEndSpec.liveProcessesIn(ns).findAll {
            new File("/proc/$it/cmdline").text == 'sleep\u000030\u0000'
        }.each { new ProcessBuilder('kill', '-KILL', it).start().waitFor() }
        Thread.sleep(100)

        when:
        def result = runtime.exec(lim, ['sh', '-c', 'x=$(head -c 100000000 /dev/zero | tr "\\0" a); echo ${#x}'],
                'root', false, ctx)

        then:
        result.exitCode() == 137 || !result.ok() && !result.stdout().contains('100000000')
        runtime.state(lim, ctx).up()
    }

    def "after stop the jail's cgroups are gone"() {
        when:
        runtime.stop(lim, ctx)

        then:
        !runtime.state(lim, ctx).up()
        cgroups.every { !Files.exists(it) }
        !Files.exists(lim.dir().resolve('.jailsh-cgroups'))
    }
}
