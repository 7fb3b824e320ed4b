package org.jailsh.freebsd

import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.RunState
import org.jailsh.spi.exec.DryRunHostExec
import spock.lang.Specification

/** VNET plumbing (iocage.md §4.4), NAT in jailsh's own pf anchor (§7.4 without its defects), removal at stop. */
class VnetNetworkSpec extends Specification {

    FreeBsdHost host = new FreeBsdHost()
    VnetNetworkProvider network = new VnetNetworkProvider()

    def "a NAT jail gets the first free /30, no bridge, and its rules in its own anchor"() {
        given: '172.16.0.1 is already the host side of another NAT jail'
        host.answers()
        def jail = FreeBsdHost.jail('nat', [vnet: 1, nat: 1, nat_forwards: 'tcp(80:8080),udp(53),443,tcp(8000-8010)'])

        when:
        network.attach(jail, new RunState(true, '5'), host.ctx())

        then: '§4.4 with NAT: vnet_default_mtu, host side inet /30; §7.4 rules'
        host.lines() == [
                'netstat -r -n --libxo json',
                'ifconfig',
                'ifconfig epair create',
                'ifconfig epair3a name vnet0.5 mtu 1500',
                'ifconfig vnet0.5 link 02:a0:98:6f:8a:48',
                "ifconfig vnet0.5 description 'associated with jail: nat as nic: epair0b'",
                'ifconfig epair3b vnet ioc-nat',
                'jexec ioc-nat ifconfig epair3b mtu 1500',
                'setfib 0 jexec ioc-nat ifconfig epair3b name epair0b',
                'setfib 0 jexec ioc-nat ifconfig epair0b link 02:a0:98:6f:8a:49',
                'ifconfig vnet0.5 inet 172.16.0.5/30',
                'ifconfig vnet0.5 up',
                'setfib 0 jexec ioc-nat ifconfig epair0b 172.16.0.6/30 alias',
                'setfib 0 jexec ioc-nat route add default 172.16.0.5',
                'sysctl -q net.inet.ip.forwarding=1',
                'kldload -n pf',
                'pfctl -s nat',
                'pfctl -a jailsh/nat -f /var/run/jailsh.pf.ioc-nat.conf',
        ]
        host.exec.writes()[Path.of('/var/run/jailsh.pf.ioc-nat.conf')] == '''\
nat on em0 inet from 172.16.0.6 to any -> (em0:0) static-port
rdr pass on em0 inet proto tcp from any to (em0:0) port 8080 -> 172.16.0.6 port 80
rdr pass on em0 inet proto udp from any to (em0:0) port 53 -> 172.16.0.6 port 53
rdr pass on em0 inet proto tcp from any to (em0:0) port 443 -> 172.16.0.6 port 443
rdr pass on em0 inet proto tcp from any to (em0:0) port 8000:8010 -> 172.16.0.6 port 8000:*
'''
        and: 'the host ruleset is never loaded or flushed'
        !host.lines().any { it.startsWith('pfctl -f') || it.startsWith('pfctl -F') }
    }

    def "NAT is refused, not forced, when pf.conf does not hook jailsh's anchors"() {
        given:
        host.exec.answer(['pfctl', '-s', 'nat'], 'nat on em0 from 10.0.0.0/24 to any -> (em0)\n')
        host.answers()

        when:
        network.attach(FreeBsdHost.jail('nat', [vnet: 1, nat: 1]), new RunState(true, '5'), host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'nat: pf does not look into jailsh\'s anchors, so NAT would not work'
        e.hint().contains('nat-anchor "jailsh/*"')
        !host.lines().any { it.startsWith('pfctl -a') }
    }

    def "detach removes the epairs and the jail's anchor only"() {
        given:
        host.running('ioc-nat', '5').answers()

        when:
        network.detach(FreeBsdHost.jail('nat', [vnet: 1, nat: 1]), host.ctx())

        then: '§4.5 step 4, and NAT rules removed at stop (iocage left them)'
        host.lines() == [
                'pfctl -a jailsh/nat -F all',
                'rm -f /var/run/jailsh.pf.ioc-nat.conf',
                'jls -j ioc-nat jid',
                'ifconfig vnet0.5 destroy',
        ]
    }

    def "a jail without addresses gets no epair at all, and shared-IP jails need nothing here"() {
        given:
        host.answers()

        when:
        network.attach(FreeBsdHost.jail('quiet', [vnet: 1]), new RunState(true, '3'), host.ctx())
        network.attach(FreeBsdHost.jail('shared', [ip4_addr: 'em0|192.168.1.20/24']), new RunState(true, '4'),
                host.ctx())
        network.detach(FreeBsdHost.jail('shared', [ip4_addr: 'em0|192.168.1.20/24']), host.ctx())

        then: '§4.4: no address, no DHCP, no NAT: no epair'
        host.lines().isEmpty()
    }

    def "two NICs each get their epair and bridge, addresses go to their own NIC, v6 route via the jail's NIC"() {
        given:
        host.answers()
        def jail = FreeBsdHost.jail('web', [vnet: 1, interfaces: 'vnet0:bridge0,vnet1:bridge1', vnet1_mtu: '1400',
                                            ip4_addr: 'vnet0|192.168.1.10/24,vnet1|10.1.0.10/16',
                                            ip6_addr: 'vnet0|2001:db8::10/64', vnet_default_interface: 'none'])

        when:
        network.attach(jail, new RunState(true, '7'), host.ctx())

        then:
        def lines = host.lines()
        lines.contains('ifconfig vnet1.7 link 02:a0:98:ce:96:aa')
        lines.contains('ifconfig epair3a name vnet1.7 mtu 1400')
        lines.contains('ifconfig bridge1 addm vnet1.7 up')
        lines.contains('setfib 0 jexec ioc-web ifconfig epair1b 10.1.0.10/16 alias')
        lines.contains('setfib 0 jexec ioc-web ifconfig epair0b inet6 2001:db8::10/64 up')
        !lines.any { it.contains('addm em0') }
        lines.takeRight(2) == ['setfib 0 jexec ioc-web route add default 192.168.1.1',
                               'setfib 0 jexec ioc-web route add -6 default fe80::1%epair0b']
        host.warnings.isEmpty()
    }

    def "with JAILSH_DISABLE_OFFLOAD the bridged NIC's offloading is cleared instead of warned about"() {
        given:
        host.env.JAILSH_DISABLE_OFFLOAD = 'yes'
        host.answers()

        when:
        network.attach(FreeBsdHost.jail('web', [vnet: 1, ip4_addr: '192.168.1.10/24', defaultrouter: '192.168.1.254']),
                new RunState(true, '7'), host.ctx())

        then: '§7.5'
        def lines = host.lines()
        lines.indexOf('ifconfig em0 -rxcsum -txcsum -tso -lro -vlanhwtso') == lines.indexOf('ifconfig bridge0 addm em0') - 1
        lines.last() == 'setfib 0 jexec ioc-web route add default 192.168.1.254'
        host.warnings.isEmpty()
    }

    def "a dry run shows the plan with a placeholder epair and JID"() {
        given:
        def dry = new DryRunHostExec()
        def infos = []
        def ctx = new ProviderContext(dry, host.ctx().facts(), [info: { infos << it }, warn: {}] as Reporter)

        when:
        network.attach(FreeBsdHost.jail('web', [vnet: 1, ip4_addr: 'vnet0|192.168.1.10/24']), new RunState(true, null), ctx)

        then:
        dry.lines().contains('ifconfig epair0a name vnet0.JID mtu 1500')
        dry.lines().contains('ifconfig epair0b vnet ioc-web')
        !dry.lines().any { it.contains('name epair0b') }
        dry.lines().contains('ifconfig bridge0 addm DEFAULT_NIC')
        dry.lines().last() == 'setfib 0 jexec ioc-web route add default GATEWAY'
        infos.any { it.contains('the plan shows epair0a') }
    }

    def "a clone's MACs differ from its source's; configured MACs are used as given"() {
        expect:
        Macs.of(FreeBsdHost.jail('web'), 'vnet0') == new Macs.Pair('02:a0:98:4e:07:f1', '02:a0:98:4e:07:f2')
        Macs.of(FreeBsdHost.jail('web2'), 'vnet0') == new Macs.Pair('02:a0:98:57:6a:c2', '02:a0:98:57:6a:c3')
        Macs.of(FreeBsdHost.jail('web', [vnet0_mac: '02aabbccddee,02AABBCCDDEF']), 'vnet0') ==
                new Macs.Pair('02:aa:bb:cc:dd:ee', '02:aa:bb:cc:dd:ef')
    }

    def "an unusable mac_prefix is replaced by a locally administered one"() {
        when:
        def macs = Macs.of(FreeBsdHost.jail('web', [mac_prefix: prefix]), 'vnet0')

        then:
        (Integer.parseInt(macs.host().substring(0, 2), 16) & 0x03) == 0x02

        where:
        prefix << ['none', 'zzzzzz', '013456']
    }

    def "a vnetN_mac that is not two MACs is refused"() {
        when:
        Macs.of(FreeBsdHost.jail('web', [vnet0_mac: value]), 'vnet0')

        then:
        thrown(org.jailsh.spi.ValidationException)

        where:
        value << ['02aabbccddee', '02aabbccddee 02aabbccdd', 'x y']
    }
}
