package org.jailsh.linux.net

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.RunState
import org.jailsh.spi.ValidationException
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

class NetnsNetworkProviderSpec extends Specification {

    @TempDir
    Path tmp

    RecordingHostExec exec = new RecordingHostExec()
    def provider = new NetnsNetworkProvider()

    ProviderContext ctx() {
        new ProviderContext(exec, new HostFacts(Platform.LINUX, true, tmp, [PATH: '/usr/bin:/bin']), Reporter.SILENT)
    }

    JailRef jail(String name, Map props) {
        Path dir = tmp.resolve('jails').resolve(name)
        Files.createDirectories(dir)
        def defaults = [interfaces: 'vnet0:jtbr0', vnet: 1, nat: 0, dhcp: 0, ip4_addr: 'none', ip6_addr: 'none',
                        defaultrouter: 'none', defaultrouter6: 'none', vnet0_mtu: '1400', vnet0_mac: 'none',
                        mac_prefix: '02ff60', nat_prefix: '172.16', nat_forwards: 'none', vnet_default_mtu: '1500']
        new JailRef(name, dir, dir.resolve('root'), defaults + props)
    }

    def "a VNET jail gets a veth pair on its bridge, its addresses and its default router"() {
        when:
        provider.attach(jail('web', [ip4_addr: 'vnet0|192.0.2.10/24', ip6_addr: 'vnet0|2001:db8::10/64',
                                     defaultrouter: '192.0.2.1']), new RunState(true, '4242'), ctx())
        def lines = exec.lines()

        then:
        lines.contains('ip link add vnet0.4242 mtu 1400 address ' + MacAddresses.of(jail('web', [:]), 0)[0]
                + ' type veth peer name vnet0 mtu 1400 address ' + MacAddresses.of(jail('web', [:]), 0)[1]
                + ' netns 4242')
        lines.contains('ip link set vnet0.4242 master jtbr0')
        lines.contains('nsenter --target 4242 --net -- ip -4 addr add 192.0.2.10/24 dev vnet0')
        lines.contains('nsenter --target 4242 --net -- ip -6 addr add 2001:db8::10/64 dev vnet0 nodad')
        lines.contains('nsenter --target 4242 --net -- ip -4 route add default via 192.0.2.1 dev vnet0')
        exec.writes()[tmp.resolve('jails/web/.jailsh-net')].contains('link vnet0.4242')
    }

    def "a shared-IP jail is left alone: the runtime shares the host's network"() {
        when:
        provider.attach(jail('web', [vnet: 0, ip4_addr: '192.0.2.10']), new RunState(true, '1'), ctx())

        then:
        exec.commands().isEmpty()
    }

    def "MACs are stable per jail, differ between jails, and are locally administered unicast"() {
        expect:
        MacAddresses.of(jail('a', [:]), 0) == MacAddresses.of(jail('a', [:]), 0)
        MacAddresses.of(jail('a', [:]), 0) != MacAddresses.of(jail('b', [:]), 0)
        MacAddresses.of(jail('a', [:]), 0).every { it ==~ /02:ff:60(:[0-9a-f]{2}){3}/ }
        MacAddresses.of(jail('a', [vnet0_mac: '02aabbccdd01 02aabbccdd02']), 0) == ['02:aa:bb:cc:dd:01', '02:aa:bb:cc:dd:02']
    }

    def "host-side names fit the kernel's 15 characters"() {
        expect:
        new VnetInterface(3, 'br', [], [], false).hostName(jid).length() <= 15

        where:
        jid << ['1', '4194304', '99999999999999']
    }

    def "NAT allocates a /30, masquerades and forwards in a table of its own"() {
        when:
        provider.attach(jail('web', [nat: 1, nat_forwards: 'tcp(80:8080),udp(53)']), new RunState(true, '77'), ctx())
        def nft = exec.commands().find { it.argv() == ['nft', '-f', '-'] }

        then:
        exec.lines().contains('ip -4 addr add 172.16.0.1/30 dev vnet0.77')
        exec.lines().contains('nsenter --target 77 --net -- ip -4 route add default via 172.16.0.1 dev vnet0')
        nft.stdin().contains('table ip jailsh_web {')
        nft.stdin().contains('tcp dport 8080 dnat to 172.16.0.2:80')
        nft.stdin().contains('udp dport 53 dnat to 172.16.0.2:53')
        nft.stdin().contains('ip saddr 172.16.0.2 masquerade')
        !exec.lines().any { it.startsWith('nft flush') }
    }

    def "a second NAT jail gets the next /30 and cannot take a forwarded port"() {
        given:
        Files.createDirectories(tmp.resolve('jails/other'))
        Files.writeString(tmp.resolve('jails/other/.jailsh-net'), 'natpair 172.16.0.1 172.16.0.2\nforward tcp 8080\n')

        when:
        provider.attach(jail('web', [nat: 1]), new RunState(true, '78'), ctx())

        then:
        exec.lines().contains('ip -4 addr add 172.16.0.5/30 dev vnet0.78')

        when:
        provider.attach(jail('db', [nat: 1, nat_forwards: 'tcp(80:8080)']), new RunState(true, '79'), ctx())

        then:
        def e = thrown(ValidationException)
        e.message.contains('tcp/8080 is already forwarded')
    }

    def "a dry run plans the veth pair for the jail's process before any process exists"() {
        given:
        def dry = new org.jailsh.spi.exec.DryRunHostExec()

        when:
        provider.attach(jail('web', [ip4_addr: 'vnet0|192.0.2.10/24']), new RunState(true, null),
                new ProviderContext(dry, ctx().facts(), Reporter.SILENT))

        then:
        dry.lines().any { it.startsWith('ip link add vnet0.PID ') && it.endsWith(' netns PID') }
        dry.lines().contains('nsenter --target PID --net -- ip -4 addr add 192.0.2.10/24 dev vnet0')
    }

    def "detach removes what the record names and nothing else"() {
        given:
        def web = jail('web', [:])
        Files.writeString(web.dir().resolve('.jailsh-net'), 'link vnet0.4242\nnat jailsh_web\n')
        def dry = new org.jailsh.spi.exec.DryRunHostExec()

        when:
        provider.detach(web, new ProviderContext(dry, ctx().facts(), Reporter.SILENT))

        then:
        dry.lines() == ['nft delete table ip jailsh_web', 'ip link del vnet0.4242', 'write ' + web.dir().resolve('.jailsh-net')]
    }

    def "defaultrouter auto uses the host gateway only when it is on the jail's subnet"() {
        expect:
        Gateways.onSubnet('192.0.2.1', ['192.0.2.10/24'])
        !Gateways.onSubnet('10.0.0.1', ['192.0.2.10/24'])
        !Gateways.onSubnet('10.0.0.1', [])
    }
}
