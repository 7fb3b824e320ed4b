package org.jailsh.freebsd

import org.jailsh.spi.ValidationException
import spock.lang.Specification

/** The jail(8) parameter file of iocage.md §4.3.1. */
class JailConfSpec extends Specification {

    static String golden() {
        JailConfSpec.getResourceAsStream('jail.ioc-web1.conf').text
    }

    def "a default VNET jail's parameter file is iocage's example, byte for byte"() {
        given: 'the complete file of §4.3.1 for web1, copied verbatim into jail.ioc-web1.conf'
        def jail = FreeBsdHost.jail('web1', [vnet: 1])

        expect:
        JailConf.of(jail, FreeBsdHost.IOCROOT, [], [], '1000', 13).render() == golden()
    }

    def "a shared-IP jail starts with its addresses and the ip4/ip6 modes"() {
        given:
        def jail = FreeBsdHost.jail('web1', [:])

        when:
        def lines = JailConf.of(jail, FreeBsdHost.IOCROOT, ['em0|192.168.1.10/24', 'em0|192.168.1.11/24'],
                ['em0|2001:db8::5/64'], '1000', 13).render().readLines()

        then: '§4.3.1: one ip4.addr += line per address, then saddrsel and modes; no vnet'
        lines[0..7] == [
                '"ioc-web1" {',
                '\tip4.addr += "em0|192.168.1.10/24";',
                '\tip4.addr += "em0|192.168.1.11/24";',
                '\tip6.addr += "em0|2001:db8::5/64";',
                '\tip4.saddrsel = "1";',
                '\tip4 = "new";',
                '\tip6.saddrsel = "1";',
                '\tip6 = "new";',
        ]
        lines[8] == '\tmount.fdescfs = "1";'
        !lines.contains('\tvnet;')
    }

    def "a jail name with dots becomes ioc-NAME with underscores in the file and its paths"() {
        given:
        def jail = FreeBsdHost.jail('web.example', [vnet: 1])

        when:
        def text = JailConf.of(jail, FreeBsdHost.IOCROOT, [], [], '1000', 13).render()

        then: '§3: jail(8) names cannot contain dots'
        text.startsWith('"ioc-web_example" {\n')
        text.contains('\texec.consolelog = "/mnt/tank/iocage/log/ioc-web_example-console.log";\n')
        text.contains('\tpath = "/mnt/tank/iocage/jails/web.example/root";\n')
        text.contains('\thost.hostuuid = "web.example";\n')
    }

    def "allow parameters appear only when enabled, in iocage's order"() {
        given:
        def jail = FreeBsdHost.jail('web1', [vnet: 1, allow_raw_sockets: 1, allow_mount: 1, allow_mount_nullfs: 1,
                                             allow_mlock: 1, allow_set_hostname: 0, ip_hostname: 1])

        when:
        def lines = JailConf.of(jail, FreeBsdHost.IOCROOT, [], [], '1001', 13).render().readLines()

        then:
        lines.findAll { it.contains('allow.') && it.contains('=') } == [
                '\tallow.mlock = "1";',
                '\tallow.raw_sockets = "1";',
                '\tallow.mount = "1";',
                '\tallow.mount.nullfs = "1";',
        ]
        lines.contains('\tip_hostname;')
        lines.indexOf('\tip_hostname;') == lines.indexOf('\tpersist;') - 1
        lines.contains('\tdevfs_ruleset = "1001";')
    }

    def "hosts older than 12 get neither mlock, fusefs, vmm nor exec.created"() {
        given:
        def jail = FreeBsdHost.jail('web1', [vnet: 1, allow_mlock: 1, allow_vmm: 1, allow_mount_fusefs: 1])

        when:
        def text = JailConf.of(jail, FreeBsdHost.IOCROOT, [], [], '1000', 11).render()

        then: '§4.3.1 host-version gates'
        !text.contains('allow.mlock')
        !text.contains('allow.vmm')
        !text.contains('allow.mount.fusefs')
        !text.contains('exec.created')
    }

    def "quotes, backslashes and dollars are escaped, never interpreted"() {
        given:
        def jail = FreeBsdHost.jail('web1', [vnet: 1, host_domainname: 'a"b\\c$d${e}'])

        when:
        def text = JailConf.of(jail, FreeBsdHost.IOCROOT, [], [], '1000', 13).render()

        then:
        text.contains('\thost.domainname = "a\\"b\\\\c\\$d\\${e}";\n')
    }

    def "a value with a newline or another control character never reaches the file"() {
        given:
        def jail = FreeBsdHost.jail('web1', [vnet: 1, (property): value])

        when:
        JailConf.of(jail, FreeBsdHost.IOCROOT, [], [], '1000', 13).render()

        then:
        ValidationException e = thrown()
        e.message.startsWith("web1: the value of $parameter contains a control character")

        where:
        property          | value                                  | parameter
        'host_hostname'   | 'web1";\n\texec.prestart = "/bin/sh'   | 'host.hostname'
        'exec_created'    | '/usr/bin/true\r'                      | 'exec.created'
        'securelevel'     | '2\u0000'                              | 'securelevel'
    }

    def "an injected shared address cannot smuggle a parameter in"() {
        when:
        JailConf.of(FreeBsdHost.jail('web1'), FreeBsdHost.IOCROOT, ['em0|1.2.3.4";\n\tpersist;'], [], '1000', 13)

        then:
        thrown(ValidationException)
    }
}
