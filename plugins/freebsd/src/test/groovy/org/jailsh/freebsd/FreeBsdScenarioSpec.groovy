package org.jailsh.freebsd

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.Command
import org.jailsh.spi.HostFacts
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.RunState
import org.jailsh.spi.exec.DryRunHostExec
import org.jailsh.testkit.FreeBsdHostExec
import org.jailsh.testkit.TempTrees
import spock.lang.Specification

/**
 * A jail's life on the recording FreeBSD host, in the order the core calls the providers: fetch, start (create,
 * attach, boot), update, stop (detach, stop); and the same start planned in a dry run, where every command answers
 * nothing.
 */
class FreeBsdScenarioSpec extends Specification {

    Path tmp

    def setup() {
        tmp = Files.createTempDirectory('jailsh-freebsd-providers')
    }

    def cleanup() {
        TempTrees.remove(tmp)
    }

    def "fetch, start, update and stop a VNET jail on a host whose answers follow what was done"() {
        given: 'the testkit\'s FreeBSD host, its IOCROOT in the temp dir; a mirror with 13.2-RELEASE'
        Path iocroot = tmp.resolve('iocage')
        def host = new FreeBsdHostExec(iocroot)
        def ctx = new ProviderContext(host, new HostFacts(Platform.FREEBSD, true, iocroot, [PATH: '/nonexistent']),
                Reporter.SILENT)
        def mirror = Files.createDirectories(tmp.resolve('mirror/amd64/13.2-RELEASE'))
        ['base.txz', 'lib32.txz', 'src.txz'].each { Files.writeString(mirror.resolve(it), it) }
        Files.writeString(mirror.resolve('MANIFEST'), ['base.txz', 'lib32.txz', 'src.txz'].collect {
            "$it\t${java.security.MessageDigest.getInstance('SHA-256').digest(it.bytes).encodeHex()}\t1\tx\t\"x\"\ton"
        }.join('\n'))
        def plugin = new FreeBsdPlugin()
        def runtime = plugin.runtimeProviders()[0]
        def network = plugin.networkProviders()[0]
        def updater = plugin.updateProviders()[0]
        def jail = FreeBsdHost.jail(iocroot, 'web', [vnet: 1, ip4_addr: 'vnet0|192.168.1.10/24',
                                                     release: '13.2-RELEASE'])
        Path download = iocroot.resolve('download/13.2-RELEASE')

        when: 'fetched, and the jail root made from the same sets (storage is another module)'
        plugin.releaseProviders()[0].fetch(new ReleaseRequest('13.2-RELEASE', tmp.resolve('mirror').toUri().toString(),
                null), download, iocroot.resolve('releases/13.2-RELEASE/root'), ctx)
        host.run(Command.of('mkdir', '-p', jail.root().toString()))
        ['base.txz', 'src.txz'].each {
            host.run(Command.of('tar', '-C', jail.root().toString(), '-xpf', download.resolve(it).toString()))
        }
        host.drain()
        def state = runtime.create(jail, [], ctx)
        network.attach(jail, state, ctx)
        runtime.boot(jail, state, ctx)

        then: 'jail -c made ioc-web with JID 1, the first epair is epair0a, the host gateway became its route'
        state.jid() == '1'
        runtime.state(jail, ctx) == new RunState(true, '1')
        def started = host.drain()
        started.indexOf('jail -f /var/run/jail.ioc-web.conf -c') < started.indexOf('ifconfig epair create')
        started.contains('ifconfig epair0a name vnet0.1 mtu 1500')
        started.indexOf('setfib 0 jexec ioc-web route add default 192.168.1.1') <
                started.indexOf('setfib 0 jexec ioc-web /bin/sh /etc/rc')
        host.routes('ioc-web') == ['default 192.168.1.1']
        host.members('bridge0') == ['em0', 'vnet0.1']

        when:
        def report = updater.update(jail, ctx)

        then: 'freebsd-update patched the root; freebsd-version says so'
        report == 'web: 13.2-RELEASE -> 13.2-RELEASE-p4'
        updater.installedRelease(jail, ctx) == '13.2-RELEASE-p4'
        host.drain().any { it.endsWith('--currently-running 13.2-RELEASE fetch') }

        when:
        network.detach(jail, ctx)
        runtime.stop(jail, ctx)

        then: 'the epair goes before jail -r, and nothing of the jail is left on the host'
        def stopped = host.drain()
        stopped.indexOf('ifconfig vnet0.1 destroy') < stopped.indexOf('jail -q -f /var/run/jail.ioc-web.conf -r ioc-web')
        runtime.state(jail, ctx) == RunState.DOWN
        host.interfaces() == ['lo0', 'em0', 'bridge0']
        host.mounts().isEmpty()
        host.rulesets() == [1, 2, 3, 4] as Set
        host.file(Path.of('/var/run/jail.ioc-web.conf')) == null
    }

    def "a dry run plans the whole start with placeholders and no answers"() {
        given:
        def dry = new DryRunHostExec()
        def ctx = new ProviderContext(dry, new FreeBsdHost().ctx().facts(), Reporter.SILENT)
        def runtime = new Jail8RuntimeProvider()
        def network = new VnetNetworkProvider()
        def jail = FreeBsdHost.jail('web', [vnet: 1, bpf: 1, ip4_addr: 'vnet0|DHCP', nat: 0])

        when:
        def state = runtime.create(jail, [], ctx)
        network.attach(jail, state, ctx)
        runtime.boot(jail, state, ctx)

        then:
        state.jid() == 'JID'
        dry.lines().containsAll([
                'sysrc -f /mnt/tank/iocage/jails/web/root/etc/rc.conf ifconfig_epair0b=SYNCDHCP',
                'write /var/run/jail.ioc-web.conf',
                'jail -f /var/run/jail.ioc-web.conf -c',
                'ifconfig epair0a name vnet0.JID mtu 1500',
                'setfib 0 jexec ioc-web /bin/sh /etc/rc',
                'jexec ioc-web ifconfig epair0b inet',
        ])
    }
}
