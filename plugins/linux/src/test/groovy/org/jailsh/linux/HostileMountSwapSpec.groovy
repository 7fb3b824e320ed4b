package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostExec
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.JailshException
import org.jailsh.spi.MountEntry
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.RootSource
import org.jailsh.spi.exec.LocalHostExec
import org.jailsh.testkit.Canary
import spock.lang.Requires
import spock.lang.Specification

/**
 * A mount destination swapped for a link to the canary after jailsh's own check ({@link MountPlan}) and before the
 * mount: the seam is the {@link HostExec} the runtime launches the jail through, which swaps the directory the
 * moment the launch command is handed to it. The re-check inside the new namespace ({@code inside} in
 * {@link StartScripts#NAMESPACE}, and in jailsh-ns when it starts the jail) must refuse it: nothing is mounted onto or under the canary, the jail is not up.
 */
@Requires(value = { Host.isRoot() }, reason = 'needs root: overlayfs, namespaces and bind mounts')
class HostileMountSwapSpec extends Specification {

    Path base = Files.createTempDirectory('jailsh-hostile-swap-')
    Canary canary = Canary.create('hostile')
    DirStorageProvider storage = new DirStorageProvider()
    NamespaceRuntimeProvider runtime = new NamespaceRuntimeProvider()
    List<String> swapped = []

    def cleanup() {
        Sandbox.removeLinks(base)
        List<String> leaked = mounts().findAll { it.contains(base.toString()) }
        leaked.reverse().each { new ProcessBuilder('umount', '-l', it.split(' ')[4]).inheritIO().start().waitFor() }
        assert leaked.isEmpty(): "mounts were left: $leaked"
        new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
        canary.remove()
    }

    static List<String> mounts() {
        new File('/proc/self/mountinfo').readLines()
    }

    /** Runs everything on the host, but swaps {@code dir} for a link to the canary just before the jail launches. */
    HostExec swapping(Path dir) {
        HostExec local = new LocalHostExec({})
        new HostExec() {
            ExecResult run(Command command) {
                // the shell-script start names itself jailsh-launch; the one-process start runs IOCROOT/.jailsh/bin/jailsh-ns-*
                if (command.argv().any { it == 'jailsh-launch' || it ==~ /.*\/jailsh-ns-[^\/]*/ }) {
                    dir.toFile().deleteDir() // plain directories the spec made, no links below

                    Sandbox.link(canary.dir().parent, dir, canary.dir().toString())
                    swapped << dir.toString()
                }
                local.run(command)
            }

            void writeFile(Path path, String content) { local.writeFile(path, content) }

            boolean dryRun() { false }
        }
    }

    def "a #what swapped for a link after the check is refused by the jail's own start (jailsh-ns #helper)"() {
        given: 'a clone jail of an empty release, with the destination a plain directory when jailsh checks it'
        Path release = Files.createDirectories(base.resolve('releases/empty/root'))
        Path dir = base.resolve('jails/hostile-swap')
        def jail = new JailRef('hostile-swap', dir, dir.resolve('root'), [host_hostname: 'hostile-swap',
                exec_start: 'none', exec_stop: 'none', stop_timeout: '2', resolver: '/dev/null', host_time: 0,
                vnet: 0, ip4_addr: 'none', ip6_addr: 'none'])
        def ctx = new ProviderContext(swapping(dir.resolve('overlay/upper').resolve(component)),
                new HostFacts(Platform.LINUX, true, base, System.getenv() + [JAILSH_NS_HELPER: helper]), Reporter.SILENT)
        storage.create(jail, new RootSource(RootSource.Mode.CLONE, 'empty', release, false), ctx)
        Files.createDirectories(dir.resolve('overlay/upper').resolve(destination.substring(1)))
        Path source = Files.createDirectories(base.resolve('host/data'))
        Files.writeString(source.resolve('shared'), 'host data\n')

        when:
        runtime.create(jail, storage.rootMounts(jail) + [new MountEntry(source.toString(), destination, 'nullfs',
                'rw')], ctx)

        then: 'the swap happened after the check, and the namespace refused the link'
        swapped == [dir.resolve('overlay/upper').resolve(component).toString()]
        JailshException e = thrown()
        e.message == "hostile-swap: cannot start: ${destination}: /${component} is a symlink; use a plain directory inside the jail".toString()
        !runtime.state(jail, ctx).up()
        mounts().every { !it.contains(canary.dir().toString()) && !it.contains(base.toString()) }
        canary.changes() == []
        !Files.exists(canary.dir().resolve('shared'))

        where:
        what                          | destination      | component | helper
        'destination'                 | '/media'         | 'media'   | 'on'
        'parent of the destination'   | '/srv/data'      | 'srv'     | 'on'
        'destination'                 | '/media'         | 'media'   | 'off'
        'parent of the destination'   | '/srv/data'      | 'srv'     | 'off'
    }
}
