package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.linux.internal.JailEnter
import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostExec
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.JailshException
import org.jailsh.spi.MountEntry
import org.jailsh.spi.NotFoundException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.RunState
import org.jailsh.spi.ValidationException
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

class NamespaceRuntimeProviderSpec extends Specification {

    static final String ENV = '/usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    static final String NSENTER = 'nsenter --target 4242 --mount --uts --ipc --net --pid --root --wd'

    @TempDir
    Path tmp

    RecordingHostExec exec = new RecordingHostExec()
    FakeHostView host = new FakeHostView()
    int pauses
    long paused
    NamespaceRuntimeProvider runtime = new NamespaceRuntimeProvider(host, { long ms -> pauses++; paused += ms }
            as JailStopper.Pause)

    def cleanup() {
        Sandbox.removeLinks(tmp)
    }

    ProviderContext ctx(boolean root = true) {
        new ProviderContext(exec, new HostFacts(Platform.LINUX, root, tmp, [PATH: '/usr/bin:/bin']), Reporter.SILENT)
    }

    JailRef jail(Map props = [:]) {
        Path dir = Files.createDirectories(tmp.resolve('jails/web'))
        new JailRef('web', dir, dir.resolve('root'), [host_hostname: 'web', exec_start: '/bin/sh /etc/rc',
                exec_stop: '/bin/sh /etc/rc.shutdown', stop_timeout: '2', resolver: '/dev/null', host_time: 0,
                vnet: 0, ip4_addr: 'none', ip6_addr: 'none'] + props)
    }

    /** A clone's layers on disk, and the storage's root mount for it. */
    MountEntry overlay(JailRef j) {
        Files.createDirectories(j.dir().resolve('overlay/upper'))
        Files.createDirectories(j.dir().resolve('overlay/work'))
        Files.createDirectories(tmp.resolve('releases/busybox/root/etc'))
        new MountEntry('overlay', '/', 'overlay', "lowerdir=${tmp}/releases/busybox/root," +
                "upperdir=${j.dir()}/overlay/upper,workdir=${j.dir()}/overlay/work")
    }

    void launches(long pid = 4242, long started = 777) {
        exec.answer(['/bin/sh', '-c', StartScripts.LAUNCH], "ok $pid\n")
        host.processes[pid] = started
    }

    void running(JailRef j, long pid = 4242, long started = 777) {
        Files.writeString(j.dir().resolve('.jailsh-run'), "$pid $started\n")
        host.processes[pid] = started
    }

    List<String> launchArgv() {
        exec.commands().find { it.argv().size() > 2 && it.argv()[2] == StartScripts.LAUNCH }.argv()
    }

    def "start runs the fixed namespace script under unshare, detached, records the init and runs exec_start"() {
        given:
        def web = jail()
        def root = overlay(web)
        def media = Files.createDirectories(tmp.resolve('media'))
        launches()
        host.jailFiles['/etc/rc'] = '#!/bin/sh\n'

        when:
        def state = runtime.start(web, [root, new MountEntry(media.toString(), '/media', 'nullfs', 'ro')], ctx())

        then:
        state == new RunState(true, '4242')
        launchArgv() == ['/bin/sh', '-c', StartScripts.LAUNCH, 'jailsh-launch', "$tmp/log/web-console.log".toString(),
                         "${web.dir()}/.jailsh-start".toString(), 'unshare', '--mount', '--uts', '--ipc', '--pid',
                         '--net', '--fork', '--propagation', 'private', '--', '/bin/sh', '-c', StartScripts.NAMESPACE,
                         'jailsh-ns', web.root().toString(), 'web', StartScripts.INIT,
                         'overlay', root.options(), 'bind', media.toString(), '/media', 'ro', 'loopback']
        exec.writes()[web.dir().resolve('.jailsh-run')] == '4242 777\n'
        exec.commands()[-1].argv() == JailEnter.logged("$tmp/log/web-console.log".toString(),
                ['nsenter', '--target', '4242', '--mount', '--uts', '--ipc', '--net', '--pid', '--root', '--wd', '--',
                 '/usr/bin/env', '-i', 'PATH=' + JailEnter.PATH, 'HOME=/root', 'USER=root', 'LOGNAME=root',
                 '/bin/sh', '/etc/rc'])
    }

    def "with jailsh-ns the start is one command with the same steps, and exec_start enters through jailsh-ns -e"() {
        given: 'a helper at a fixed path (the real one is written by NsHelper; the end-to-end specs run it)'
        Path helper = tmp.resolve('bin/jailsh-ns-0123456789abcdef')
        def withHelper = new NamespaceRuntimeProvider(host, { long ms -> } as JailStopper.Pause, Cgroups.host(), [],
                new NsHelper(null) {
                    @Override
                    Optional<Path> find(ProviderContext c) {
                        Optional.of(helper)
                    }
                })
        def web = jail()
        def root = overlay(web)
        exec.answer([helper.toString()], "ok 4242\n")
        host.processes[4242L] = 777L
        host.jailFiles['/etc/rc'] = '#!/bin/sh\n'

        when:
        def state = withHelper.start(web, [root], ctx(rootUser))

        then: 'besides the mkdir of the log directory, two commands: the start and exec_start'
        def commands = exec.commands()*.argv().findAll { it[0] != 'mkdir' }
        commands.size() == 2
        state == new RunState(true, '4242')
        commands[0] == [helper.toString()] + flags + ["$tmp/log/web-console.log".toString(),
                web.root().toString(), 'web', StartScripts.INIT, 'overlay', root.options(), 'loopback']
        commands[1] == [helper.toString(), '-e'] + flags.findAll { it == '-u' } + ['4242',
                "$tmp/log/web-console.log".toString(), 'PATH=' + JailEnter.PATH, 'HOME=/root', 'USER=root',
                'LOGNAME=root', '--', '/bin/sh', '/etc/rc']

        where:
        rootUser || flags
        true     || ['-n']
        false    || ['-u', '-n']
    }

    def "a jailsh-ns that cannot be run (a noexec state root) falls back to the scripts, with a warning"() {
        given:
        Path helper = tmp.resolve('bin/jailsh-ns-0123456789abcdef')
        List<String> warnings = []
        def refusing = new HostExec() {
            ExecResult run(Command c) {
                if (c.argv()[0] == helper.toString()) {
                    throw new JailshException("cannot run $helper: Permission denied", 'is it installed and on PATH?')
                }
                exec.run(c)
            }

            void writeFile(Path p, String content) {
                exec.writeFile(p, content)
            }

            boolean dryRun() {
                false
            }
        }
        def withHelper = new NamespaceRuntimeProvider(host, { long ms -> } as JailStopper.Pause, Cgroups.host(), [],
                new NsHelper(null) {
                    @Override
                    Optional<Path> find(ProviderContext c) {
                        Optional.of(helper)
                    }
                })
        def web = jail([exec_start: 'none'])
        launches()
        def reporter = [info: { String m -> }, warn: { String m -> warnings << m }] as Reporter

        when:
        def state = withHelper.start(web, [overlay(web)], new ProviderContext(refusing,
                new HostFacts(Platform.LINUX, true, tmp, [PATH: '/usr/bin:/bin']), reporter))

        then:
        state == new RunState(true, '4242')
        launchArgv()[0..2] == ['/bin/sh', '-c', StartScripts.LAUNCH]
        warnings.size() == 1
        warnings[0].startsWith("jailsh-ns cannot run (cannot run $helper: Permission denied)")
    }

    def "the jail is reported ready by its init, after its traps are set, so an early SIGTERM is not lost"() {
        expect:
        StartScripts.NAMESPACE.contains("printf 'ok %s' \"\$pid\" >&3\nexec chroot")
        StartScripts.INIT.indexOf('echo >&3') > StartScripts.INIT.indexOf("' TERM")
        StartScripts.LAUNCH.contains('IFS= read -r line <"$fifo" || line=\n')
    }

    def "the namespace script runs under the host's static busybox when there is one, else /bin/sh"() {
        given:
        def busybox = Files.copy(Path.of('/bin/sh'), tmp.resolve('not-static-busybox'))

        expect:
        StartScripts.namespaceShell([]) == ['/bin/sh']
        StartScripts.namespaceShell([tmp.resolve('missing'), busybox]) == ['/bin/sh']
        !Files.exists(Path.of('/bin/busybox')) || !org.jailsh.linux.internal.ElfFiles.isStatic(Path.of('/bin/busybox')) ||
                StartScripts.namespaceShell([tmp.resolve('missing'), Path.of('/bin/busybox')]) == ['/bin/busybox', 'sh']
    }

    def "the two phases: create starts the init only, boot runs the jail's own start"() {
        given:
        def web = jail()
        launches()
        host.jailFiles['/etc/rc'] = '#!/bin/sh\n'

        when:
        def state = runtime.create(web, [], ctx())

        then:
        state.jid() == '4242'
        !exec.lines().any { it.contains('/etc/rc') }

        when:
        runtime.boot(web, state, ctx())

        then:
        exec.lines()[-1].endsWith('LOGNAME=root /bin/sh /etc/rc')
    }

    def "the namespace script gets jail values only as arguments, never as script text"() {
        given:
        launches()

        when:
        runtime.start(jail(host_hostname: 'x; rm -rf /', exec_start: 'none'), [], ctx())

        then:
        def argv = launchArgv()
        argv.count { it.contains('rm -rf') } == 1
        argv[argv.indexOf('jailsh-ns') + 2] == 'x; rm -rf /'
    }

    def "rootless, the jail gets a user namespace that maps the caller to root"() {
        given:
        launches()

        when:
        runtime.start(jail(exec_start: 'none'), [], ctx(false))

        then:
        launchArgv()[6..9] == ['unshare', '--user', '--map-root-user', '--mount']
    }

    def "a shared-IP jail keeps the host's network; every other jail gets its own"() {
        given:
        launches()

        when:
        runtime.start(jail(props + [exec_start: 'none']), [], ctx())

        then:
        launchArgv().contains('--net') == ownNetwork
        launchArgv().last() == (ownNetwork ? 'loopback' : StartScripts.INIT)

        where:
        props                                    || ownNetwork
        [:]                                      || true
        [vnet: 1, ip4_addr: 'vnet0|10.0.0.2/24'] || true
        [ip4_addr: 'em0|192.0.2.10/24']          || false
        [ip4: 'inherit']                         || false
    }

    def "resolver and host_time become steps that write into the jail's /etc"() {
        given:
        launches()

        when:
        runtime.start(jail(props + [exec_start: 'none']), [], ctx())

        then:
        def argv = launchArgv()
        argv.subList(argv.indexOf(StartScripts.INIT) + 1, argv.size() - 1) == steps

        where:
        props                                          || steps
        [resolver: '/dev/null']                        || []
        [resolver: '/etc/resolv.conf']                 || ['copy', '/etc/resolv.conf', '/etc/resolv.conf']
        [resolver: 'nameserver 192.0.2.53;search lan'] || ['file', '/etc/resolv.conf', 'nameserver 192.0.2.53\nsearch lan\n']
        [host_time: 1]                                 || ['copy', '/etc/localtime', '/etc/localtime']
    }

    def "a mount destination that is a symlink leaving the jail is refused, naming the jail, the destination and where it points"() {
        given:
        def web = jail()
        def root = overlay(web)
        def outside = tmp.resolve('host/etc').toString()
        Sandbox.link(tmp, web.dir().resolve('overlay/upper/media'), outside)

        when:
        runtime.start(web, [root, new MountEntry('/srv/media', '/media', 'nullfs', 'rw')], ctx())

        then:
        def e = thrown(ValidationException)
        e.userMessage() == "web: mount destination /media is a symlink that leaves the jail (-> $outside); ".toString() +
                'use a plain directory inside the jail'
        exec.commands().isEmpty()
    }

    def "symlinks are refused in any component and in any layer, even when they stay inside the jail"() {
        given:
        def web = jail()
        def root = overlay(web)
        Path layer = tmp.resolve(inLower ? 'releases/busybox/root' : 'jails/web/overlay/upper')
        Files.createDirectories(layer.resolve('srv'))
        String to = target.replace('TMP', tmp.toString())
        Sandbox.link(tmp, layer.resolve(link), to)

        when:
        runtime.start(web, [root, new MountEntry('/srv/media', destination, 'nullfs', 'rw')], ctx())

        then:
        def e = thrown(ValidationException)
        e.message == message.replace('TMP', tmp.toString())
        exec.commands().isEmpty()

        where:
        inLower | link        | target     | destination   || message
        true    | 'srv/data'  | 'TMP/host' | '/srv/data/x' || 'web: mount destination /srv/data/x: /srv/data is a symlink that leaves the jail (-> TMP/host)'
        false   | 'srv/up'    | '../../x'  | '/srv/up'     || 'web: mount destination /srv/up is a symlink that leaves the jail (-> ../../x)'
        false   | 'srv/media' | '../etc'   | '/srv/media'  || 'web: mount destination /srv/media is a symlink (-> ../etc)'
    }

    def "a directory in the jail's own layer hides a symlink in the release"() {
        given:
        def web = jail(exec_start: 'none')
        def root = overlay(web)
        Sandbox.link(tmp, tmp.resolve('releases/busybox/root/media'), tmp.resolve('host/etc').toString())
        Files.createDirectories(web.dir().resolve('overlay/upper/media'))
        launches()

        expect:
        runtime.start(web, [root, new MountEntry('/srv/media', '/media', 'nullfs', 'rw')], ctx()).up()
    }

    def "destinations that are not plain absolute paths inside the jail are refused"() {
        when:
        runtime.start(jail(), [new MountEntry('/srv', destination, 'nullfs', 'rw')], ctx())

        then:
        def e = thrown(ValidationException)
        e.message.startsWith('web: ')
        exec.commands().isEmpty()

        where:
        destination << ['media', '/media/../../etc', '/', '//']
    }

    def "iocage's host-path destinations under the jail root are taken as paths inside the jail"() {
        given:
        def web = jail(exec_start: 'none')
        launches()

        when:
        runtime.start(web, [new MountEntry('/srv', web.root().toString() + '/media', 'nullfs', 'rw')], ctx())

        then:
        launchArgv().join(' ').contains('bind /srv /media rw')
    }

    def "a mount source inside the jail's own directory, or of an unknown type, is refused"() {
        when:
        runtime.start(jail(), [new MountEntry(source.replace('TMP', tmp.toString()), '/media', type, 'rw')], ctx())

        then:
        def e = thrown(ValidationException)
        e.message.contains(words)

        where:
        source                   | type     || words
        'TMP/jails/web/root/etc' | 'nullfs' || "inside the jail's own directory"
        'relative/dir'           | 'nullfs' || 'not an absolute path'
        '/srv'                   | 'nfs'    || 'mount type nfs for /media is not supported'
    }

    def "a missing mount source is created on the host before start"() {
        given:
        launches()

        when:
        runtime.start(jail(exec_start: 'none'), [new MountEntry("$tmp/new/data".toString(), '/data', 'nullfs', 'rw')],
                ctx())

        then:
        exec.lines()[0] == "mkdir -p -- $tmp/new/data".toString()
    }

    def "a start that fails inside the namespace reports the jail's own reason"() {
        given:
        exec.answer(['/bin/sh', '-c', StartScripts.LAUNCH], 'error cannot mount /srv on /media: no such device\n')

        when:
        runtime.start(jail(), [], ctx())

        then:
        def e = thrown(JailshException)
        e.userMessage() == "web: cannot start: cannot mount /srv on /media: no such device; see $tmp/log/web-console.log"
                .toString()
        !exec.writes().containsKey(tmp.resolve('jails/web/.jailsh-run'))
    }

    def "a failing exec_start stops the jail again and says so"() {
        given:
        def web = jail()
        launches()
        exec.answer(['/bin/sh', '-c', JailEnter.TO_LOG], 3, '', '')
        host.jailFiles['/etc/rc'] = 'exit 3\n'
        host.died = { long pid -> exec.lines().contains('kill -TERM 4242') }
        // start only records its run file, so the spec writes it for stop to find
        Files.writeString(web.dir().resolve('.jailsh-run'), '4242 777\n')

        when:
        runtime.start(web, [], ctx())

        then:
        def e = thrown(JailshException)
        e.message == 'web: exec_start (/bin/sh /etc/rc) failed with exit code 3; the jail was stopped'
        exec.lines().contains('kill -TERM 4242')
    }

    def "iocage's default rc scripts are skipped when the jail has none"() {
        given:
        launches()

        when:
        runtime.start(jail(), [], ctx())

        then:
        !exec.lines().any { it.contains('/etc/rc') }
    }

    def "exec enters the init's namespaces, root and working directory with a clean environment"() {
        given:
        def web = jail()
        running(web)
        exec.answer(['nsenter'], 0, 'web\n', '')

        when:
        def result = runtime.exec(web, ['hostname'], 'root', false, ctx())

        then:
        result.stdout() == 'web\n'
        exec.lines() == ["$NSENTER -- $ENV HOME=/root USER=root LOGNAME=root hostname".toString()]
        !exec.commands()[0].interactive()
    }

    def "exec as another user takes uid and gid from the jail's own passwd"() {
        given:
        def web = jail()
        running(web)
        host.jailFiles['/etc/passwd'] = 'root:x:0:0:root:/root:/bin/sh\nwww:x:80:81:www:/var/www:/bin/sh\n'

        when:
        runtime.exec(web, ['id'], 'www', true, ctx())

        then:
        exec.lines() == ["$NSENTER --setuid 80 --setgid 81 -- $ENV HOME=/var/www USER=www LOGNAME=www id".toString()]
        exec.commands()[0].interactive()
    }

    def "rootless, exec enters the jail's user namespace as the jail's root, and refuses other users"() {
        given:
        def web = jail()
        running(web)
        host.jailFiles['/etc/passwd'] = 'root:x:0:0:root:/root:/bin/sh\nwww:x:80:81:www:/var/www:/bin/sh\n'

        when:
        runtime.exec(web, ['id'], 'root', false, ctx(false))

        then:
        exec.lines() == ['nsenter --target 4242 --user --preserve-credentials --mount --uts --ipc --net --pid --root --wd ' +
                "-- $ENV HOME=/root USER=root LOGNAME=root id"]

        when:
        runtime.exec(web, ['id'], 'www', false, ctx(false))

        then:
        def e = thrown(JailshException)
        e.message == 'web: cannot run as www in a rootless jail'
    }

    def "exec as a user the jail does not have is refused"() {
        given:
        def web = jail()
        running(web)
        host.jailFiles['/etc/passwd'] = 'root:x:0:0:root:/root:/bin/sh\n'

        when:
        runtime.exec(web, ['id'], 'nobody', false, ctx())

        then:
        def e = thrown(NotFoundException)
        e.message == 'web: no user nobody in the jail'
    }

    def "exec in a jail that is not running says to start it"() {
        when:
        runtime.exec(jail(), ['true'], 'root', false, ctx())

        then:
        def e = thrown(JailshException)
        e.userMessage() == 'web is not running; start it first: start web'
    }

    def "state is up only while the recorded init is the very process that was started"() {
        given:
        def web = jail()
        Files.writeString(web.dir().resolve('.jailsh-run'), '4242 777\n')
        host.processes[4242L] = startTime

        expect:
        runtime.state(web, ctx()) == state

        where:
        startTime || state
        777L      || new RunState(true, '4242')
        778L      || RunState.DOWN
    }

    def "stop runs exec_stop, sends SIGTERM and forgets the jail once its init is gone"() {
        given:
        def web = jail()
        running(web)
        host.jailFiles['/etc/rc.shutdown'] = 'exit 0\n'
        host.died = { long pid -> exec.lines().contains('kill -TERM 4242') }

        when:
        runtime.stop(web, ctx())

        then:
        exec.lines()[0].endsWith('LOGNAME=root /bin/sh /etc/rc.shutdown')
        exec.lines()[1..-1] == ['kill -TERM 4242', "rm -f -- ${web.dir()}/.jailsh-run".toString()]
    }

    def "a jail that outlives stop_timeout is killed; SIGTERM is repeated every 250 ms until then"() {
        given:
        def web = jail(exec_stop: 'none', stop_timeout: '1')
        running(web)
        host.died = { long pid -> exec.lines().contains('kill -KILL 4242') }

        when:
        runtime.stop(web, ctx())

        then:
        exec.lines() == ['kill -TERM 4242'] * 4 + ['kill -KILL 4242', "rm -f -- ${web.dir()}/.jailsh-run".toString()]
        paused >= 1000 && paused < 1010
    }

    def "stopping a jail that is not running only removes a stale record"() {
        when:
        runtime.stop(jail(), ctx())

        then:
        exec.lines() == ["rm -f -- ${tmp}/jails/web/.jailsh-run".toString()]
    }
}
