package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.linux.internal.JailEnter
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.JailshException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification

/** memoryuse and maxproc as cgroups, against a cgroup tree made of plain directories and a recording HostExec. */
class CgroupsSpec extends Specification {

    Path tmp
    Path top
    Path self
    RecordingHostExec exec = new RecordingHostExec()
    List<String> warnings = []
    FakeHostView host = new FakeHostView()

    def setup() {
        tmp = Files.createTempDirectory('jailsh-cgroups-')
        top = Files.createDirectories(tmp.resolve('sys/fs/cgroup'))
        self = Files.writeString(tmp.resolve('self-cgroup'), '9:name=systemd:/\n8:pids:/\n4:memory:/process_api/abc\n' +
                '2:cpu,cpuacct:/\n0::/\n')
    }

    def cleanup() {
        new ProcessBuilder('rm', '-rf', '--one-file-system', '--', tmp.toString()).start().waitFor()
    }

    ProviderContext ctx(boolean root = true) {
        def reporter = new Reporter() {
            void info(String message) {}

            void warn(String message) { warnings << message }
        }
        new ProviderContext(exec, new HostFacts(Platform.LINUX, root, tmp, [PATH: '/usr/bin:/bin']), reporter)
    }

    JailRef jail(Map props = [:]) {
        Path dir = Files.createDirectories(tmp.resolve('jails/web'))
        new JailRef('web', dir, dir.resolve('root'), [host_hostname: 'web', exec_start: 'none', exec_stop: 'none',
                stop_timeout: '2', resolver: '/dev/null', host_time: 0, vnet: 0, ip4_addr: 'none', ip6_addr: 'none',
                memoryuse: 'off', maxproc: 'off', pcpu: 'off'] + props)
    }

    List<String> v1() {
        Files.createDirectories(top.resolve('memory'))
        Files.createDirectories(top.resolve('pids'))
        [top.resolve('memory/process_api/abc/jailsh/web').toString(), top.resolve('pids/jailsh/web').toString()]
    }

    static String write(Object file, Object value) {
        "/bin/sh -c '${Cgroups.WRITE.replace("'", "'\\''")}' jailsh-cgroup $file $value"
    }

    def "memoryuse and maxproc are read in iocage's syntax: #memoryuse and #maxproc"() {
        expect:
        Cgroups.limits(jail(memoryuse: memoryuse, maxproc: maxproc), ctx()) == limits

        where:
        memoryuse    | maxproc     | limits
        'off'        | 'off'       | [:]
        'deny=512m'  | 'off'       | [memory: 512L << 20]
        'DENY=2G'    | 'deny=100'  | [memory: 2L << 30, pids: 100L]
        'deny=4096'  | 'deny=1k'   | [memory: 4096L, pids: 1024L]
        'off'        | 'deny=20'   | [pids: 20L]
    }

    def "actions other than deny, and iocage's other limits, are reported as not applied"() {
        when:
        def limits = Cgroups.limits(jail(memoryuse: 'log=1g', maxproc: 'deny=20', pcpu: 'deny=50'), ctx())

        then:
        limits == [pids: 20L]
        warnings == ['web: linux-ns enforces only deny limits; memoryuse=log=1g is ignored',
                     'web: linux-ns applies only memoryuse and maxproc; ignored: pcpu=deny=50']
    }

    def "with cgroup v1 the jail's cgroups are made under jailsh's own, limited, and recorded"() {
        given:
        def (memory, pids) = v1()

        when:
        def join = new Cgroups(top, self).setUp(jail(), [memory: 512L << 20, pids: 20L], ctx())

        then:
        exec.lines() == ["mkdir -p -- $memory".toString(), write("$memory/memory.limit_in_bytes", 536870912),
                         "mkdir -p -- $pids".toString(), write("$pids/pids.max", 20)]
        exec.writes() == [(tmp.resolve('jails/web/.jailsh-cgroups')): "$memory\n$pids\n".toString()]
        join == ['/bin/sh', '-c', Cgroups.JOIN, 'jailsh-cgroup', '2', "$memory/cgroup.procs".toString(),
                 "$pids/cgroup.procs".toString()]
    }

    def "with cgroup v2 the controllers are enabled from the top and the limits written as .max files"() {
        given:
        Files.writeString(top.resolve('cgroup.controllers'), 'cpuset cpu io memory hugetlb pids rdma misc\n')
        String dir = top.resolve('jailsh/web')

        when:
        def join = new Cgroups(top, self).setUp(jail(), [memory: 1L << 30, pids: 100L], ctx())

        then:
        exec.lines() == ["mkdir -p -- $dir".toString(), write("$top/cgroup.subtree_control", "'+memory +pids'"),
                         write("$top/jailsh/cgroup.subtree_control", "'+memory +pids'"),
                         write("$dir/memory.max", 1073741824), write("$dir/pids.max", 100)]
        join[-1] == "$dir/cgroup.procs".toString()
    }

    def "a cgroup jailsh may not write stops the start with the reason and a way out"() {
        given:
        def (memory) = v1()
        exec.answer(['mkdir'], 1, '', "mkdir: cannot create directory '$memory': Permission denied")

        when:
        new Cgroups(top, self).setUp(jail(), [memory: 1L << 20], ctx(false))

        then:
        def e = thrown(JailshException)
        e.userMessage() == "web: cannot apply memoryuse/maxproc: cannot create $memory (Permission denied); limits " +
                'need a cgroup jailsh may write (as root, or a delegated one); or set memoryuse=off maxproc=off'
    }

    def "the runtime starts the jail inside its cgroups, enters every command there, and removes them at stop"() {
        given:
        def (memory, pids) = v1()
        def runtime = new NamespaceRuntimeProvider(host, { } as JailStopper.Pause, new Cgroups(top, self), [])
        def web = jail(maxproc: 'deny=20', memoryuse: 'deny=64m')
        exec.answer(['/bin/sh', '-c', StartScripts.LAUNCH], 'ok 4242\n')
        host.processes[4242L] = 777L
        def join = ['/bin/sh', '-c', Cgroups.JOIN, 'jailsh-cgroup', '2', "$memory/cgroup.procs".toString(),
                    "$pids/cgroup.procs".toString()]

        when:
        runtime.start(web, [], ctx())
        // what the recording exec would have written, for exec and stop to find
        Files.writeString(web.dir().resolve('.jailsh-cgroups'), exec.writes()[web.dir().resolve('.jailsh-cgroups')])
        Files.writeString(web.dir().resolve('.jailsh-run'), '4242 777\n')

        then:
        def launch = exec.commands().find { it.argv()[2] == StartScripts.LAUNCH }.argv()
        launch.subList(6, 6 + join.size()) == join
        launch[6 + join.size()] == 'unshare'
        exec.lines().indexOf(write("$pids/pids.max", 20)) < exec.commands().indexOf(exec.commands().find {
            it.argv()[2] == StartScripts.LAUNCH })

        when:
        exec = new RecordingHostExec()
        runtime.exec(web, ['ps'], 'root', false, ctx())

        then:
        exec.commands()[0].argv() == join + JailEnter.argv(4242, false, org.jailsh.linux.internal.Identity.ROOT,
                null, ['ps'])

        when:
        exec = new RecordingHostExec()
        host.died = { long pid -> exec.lines().contains('kill -TERM 4242') }
        runtime.stop(web, ctx())

        then:
        exec.lines() == ['kill -TERM 4242', "rm -f -- ${web.dir()}/.jailsh-run".toString(),
                                 "rmdir -- $memory".toString(), "rmdir -- ${Path.of(memory).parent}".toString(),
                                 "rmdir -- $pids".toString(), "rmdir -- ${Path.of(pids).parent}".toString(),
                                 "rm -f -- ${web.dir()}/.jailsh-cgroups".toString()]
    }

    def "a jail without limits touches no cgroup"() {
        given:
        v1()
        def runtime = new NamespaceRuntimeProvider(host, { } as JailStopper.Pause, new Cgroups(top, self), [])
        exec.answer(['/bin/sh', '-c', StartScripts.LAUNCH], 'ok 4242\n')
        host.processes[4242L] = 777L

        when:
        runtime.start(jail(), [], ctx())

        then:
        exec.lines().every { !it.contains(Cgroups.JOIN.readLines()[0]) && !it.contains(top.toString()) }
        exec.writes().keySet()*.fileName*.toString() == ['.jailsh-run']
    }

    def "the join script moves itself into every cgroup given, then becomes the command"() {
        given:
        Path procs1 = Files.createFile(tmp.resolve('procs1'))
        Path procs2 = Files.createFile(tmp.resolve('procs2'))

        when:
        def process = new ProcessBuilder('/bin/sh', '-c', Cgroups.JOIN, 'jailsh-cgroup', '2', procs1.toString(),
                procs2.toString(), '/bin/sh', '-c', 'echo $$').start()
        String pid = process.inputStream.text.trim()

        then:
        process.waitFor() == 0
        Files.readString(procs1) == "$pid\n".toString()
        Files.readString(procs2) == "$pid\n".toString()

        when: 'a cgroup it cannot join'
        process = new ProcessBuilder('/bin/sh', '-c', Cgroups.JOIN, 'jailsh-cgroup', '1', "$tmp/none/cgroup.procs",
                'true').start()

        then:
        process.waitFor() == 125
        process.errorStream.text == "jailsh: cannot join the cgroup $tmp/none\n".toString()
    }
}
