package org.jailsh.model

import org.jailsh.spi.ValidationException
import spock.lang.Specification

class PropertyRulesSpec extends Specification {

    static Map<String, Object> defaults() {
        IocageProperties.builtInDefaults('02ff60', null)
    }

    def "#label is refused with a hint saying how to fix it"() {
        when:
        PropertyRules.check('web', PropertyRules.merged(defaults(), changes))

        then:
        ValidationException e = thrown()
        e.message == "web: ${message}".toString()
        e.hint().contains(hint)

        where:
        label                              | changes                                | message                                        | hint
        'nat without vnet'                 | [nat: 1]                               | 'nat needs vnet'                               | 'set vnet=on'
        'nat and bpf'                      | [nat: 1, vnet: 1, bpf: 1]              | 'nat and bpf cannot both be on'                | 'turn one off'
        'dhcp without vnet'                | [dhcp: 1, bpf: 1]                      | 'dhcp needs vnet and bpf'                      | 'set vnet=on bpf=on'
        'dhcp without bpf'                 | [dhcp: 1, vnet: 1]                     | 'dhcp needs vnet and bpf'                      | 'set vnet=on bpf=on'
        'an IPv4 default router, no vnet'  | [defaultrouter: '192.0.2.1']           | 'an IPv4 default router (192.0.2.1) needs vnet' | 'set vnet=on, or defaultrouter=auto'
        'nat without vnet (legacy "yes")'  | [nat: 'yes']                           | 'nat needs vnet'                               | 'set vnet=on'
    }

    def "#label is fine"() {
        when:
        PropertyRules.check('web', PropertyRules.merged(defaults(), changes))

        then:
        noExceptionThrown()

        where:
        label                         | changes
        'the defaults'                | [:]
        'nat with vnet'               | [nat: 1, vnet: 1]
        'dhcp with vnet and bpf'      | [dhcp: 1, vnet: 1, bpf: 1]
        'an IPv4 router with vnet'    | [defaultrouter: '192.0.2.1', vnet: 1]
        'router none without vnet'    | [defaultrouter: 'none']
        'bpf alone'                   | [bpf: 1]
    }

    def "dhcp implies vnet and bpf, with a notice for each"() {
        given:
        Map<String, Object> changes = [dhcp: 1]

        when:
        def notices = PropertyRules.addImplied(changes)

        then:
        changes == [dhcp: 1, vnet: 1, bpf: 1]
        notices == ['vnet set to on because dhcp needs it', 'bpf set to on because dhcp needs it']

        and: 'the result passes the rules'
        PropertyRules.check('web', PropertyRules.merged(defaults(), changes)) == null
    }

    def "an ip4_addr of iface|DHCP implies vnet and bpf too"() {
        given:
        Map<String, Object> changes = [ip4_addr: 'vnet0|dhcp']

        when:
        PropertyRules.addImplied(changes)

        then:
        changes.vnet == 1
        changes.bpf == 1
    }

    def "what the user set explicitly is never overridden by an implication"() {
        given:
        Map<String, Object> changes = [dhcp: 1, bpf: 0]

        when:
        def notices = PropertyRules.addImplied(changes)

        then:
        changes.bpf == 0
        changes.vnet == 1
        notices == ['vnet set to on because dhcp needs it']

        when: 'so the rule check catches the contradiction'
        PropertyRules.check('web', PropertyRules.merged(defaults(), changes))

        then:
        thrown(ValidationException)
    }

    def "nothing is implied when dhcp is off"() {
        given:
        Map<String, Object> changes = [dhcp: 0, notes: 'x']

        expect:
        PropertyRules.addImplied(changes).isEmpty()
        changes == [dhcp: 0, notes: 'x']
    }

    def "merged overlays changes on the effective values without touching either"() {
        given:
        def effective = [vnet: 0, notes: 'a']
        def changes = [vnet: 1]

        when:
        def merged = PropertyRules.merged(effective, changes)

        then:
        merged == [vnet: 1, notes: 'a']
        effective == [vnet: 0, notes: 'a']
    }
}
