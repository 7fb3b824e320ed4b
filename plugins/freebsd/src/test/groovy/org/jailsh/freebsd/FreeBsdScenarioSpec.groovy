package org.jailsh.freebsd

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.exec.DryRunHostExec
import spock.lang.Specification
import spock.lang.TempDir

/**
 * A jail's life on the recording FreeBSD host, in the order the core calls the providers: fetch, start (create,
 * attach, boot), update, stop (detach, stop); and the same start planned in a dry run, where every command answers
 * nothing.
 */
class FreeBsdScenarioSpec extends Specification {

    @TempDir
    Path tmp

    def "fetch, start, update and stop a VNET jail"() {
        given:
        def host = new FreeBsdHost().jid('ioc-web', '7')
        host.exec.answer(['grep', '-m', '1'], 'USERLAND_VERSION="13.2-RELEASE-p4"\n')
        host.answers()
        def mirror = Files.createDirectories(tmp.resolve('mirror/amd64/13.2-RELEASE'))
        ['base.txz', 'lib32.txz', 'src.txz'].each { Files.writeString(mirror.resolve(it), it) }
        Files.writeString(mirror.resolve('MANIFEST'), ['base.txz', 'lib32.txz', 'src.txz'].collect {
            "$it\t${java.security.MessageDigest.getInstance('SHA-256').digest(it.bytes).encodeHex()}\t1\tx\t\"x\"\ton"
        }.join('\n'))
        def plugin = new FreeBsdPlugin()
        def runtime = plugin.runtimeProviders()[0]
        def network = plugin.networkProviders()[0]
        def jail = FreeBsdHost.jail('web', [vnet: 1, ip4_addr: 'vnet0|192.168.1.10/24'])

        when:
        plugin.releaseProviders()[0].fetch(new ReleaseRequest('13.2-RELEASE', tmp.resolve('mirror').toUri().toString(),
                null), tmp.resolve('download'), tmp.resolve('releases/13.2-RELEASE/root'), host.ctx())
        def state = runtime.create(jail, [], host.ctx())
        network.attach(jail, state, host.ctx())
        runtime.boot(jail, state, host.ctx())
        def report = plugin.updateProviders()[0].update(jail, host.ctx())
        network.detach(jail, host.ctx())
        runtime.stop(jail, host.ctx())

        then:
        def lines = host.lines()
        lines.count { it.startsWith('tar -C') } == 3
        lines.indexOf('jail -f /var/run/jail.ioc-web.conf -c') < lines.indexOf('ifconfig epair create')
        lines.indexOf('setfib 0 jexec ioc-web route add default 192.168.1.1') <
                lines.indexOf('setfib 0 jexec ioc-web /bin/sh /etc/rc')
        lines.any { it.endsWith('--currently-running 13.2-RELEASE fetch') }
        report == 'web: already at 13.2-RELEASE-p4'
        lines.contains('ifconfig vnet0.7 destroy')
        lines.indexOf('ifconfig vnet0.7 destroy') < lines.indexOf('rm -f /var/run/jail.ioc-web.conf')
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
