package org.jailsh.linux

import java.nio.file.Path

import org.jailsh.linux.net.NetnsNetworkProvider
import org.jailsh.spi.JailRef
import spock.lang.Specification

class MountPlanProxySpec extends Specification {

    JailRef jail = new JailRef('web', Path.of('/srv/iocage/jails/web'), Path.of('/srv/iocage/jails/web/root'),
            [resolver: '/etc/resolv.conf', host_time: 1])

    def "the host's proxy is passed to the jail at start, and DNS stays the resolver's business"() {
        when:
        def steps = MountPlan.of(jail, [], [http_proxy: 'http://proxy.lan:3128', NO_PROXY: 'localhost', PATH: '/bin'])
                .steps()
        int at = steps.indexOf('/etc/profile.d/jailsh-proxy.sh')

        then:
        at > 0
        steps[at - 1] == 'file'
        steps[at + 1].contains("export http_proxy='http://proxy.lan:3128'")
        steps[at + 1].contains("export NO_PROXY='localhost'")
        !steps[at + 1].contains('PATH')
        steps.count('/etc/resolv.conf') == 2
    }

    def "without a proxy on the host the jail gets no proxy file"() {
        expect:
        !MountPlan.of(jail, [], [PATH: '/bin']).steps().contains('/etc/profile.d/jailsh-proxy.sh')
    }

    def "a proxy value with a quote is quoted for the shell, and one with a newline is not passed"() {
        when:
        def steps = MountPlan.of(jail, [], [https_proxy: "http://u'x@p:1", ftp_proxy: 'http://a\nb']).steps()
        String script = steps[steps.indexOf('/etc/profile.d/jailsh-proxy.sh') + 1]

        then:
        script.contains("export https_proxy='http://u'\\''x@p:1'")
        !script.contains('ftp_proxy')
    }

    def "disabling hardware offloading is one ethtool call per bridged physical interface"() {
        expect:
        NetnsNetworkProvider.offloadOff('eth0').argv() ==
                ['ethtool', '-K', 'eth0', 'tso', 'off', 'gso', 'off', 'gro', 'off', 'lro', 'off']
    }
}
