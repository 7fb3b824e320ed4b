package org.jailsh.verbs

import java.nio.file.Path

import org.jailsh.spi.ValidationException
import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

class GetVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.create('web', [vnet: 'on', notes: 'front'])
    }

    def "get all holds every effective property plus state and jid"() {
        when:
        Map all = new GetVerb(host.session()).all('web')

        then:
        all.state == 'down'
        all.containsKey('jid') && all.jid == null
        all.vnet == 1
        all.notes == 'front'
        all.interfaces == 'vnet0:bridge0'
        all.host_hostname == 'web'
        all.release == 'busybox'
        all.last_started == 'never'
        all.keySet().containsAll(org.jailsh.model.IocageProperties.all().values().findAll { !it.jailOnly() }*.name())
    }

    def "a running jail shows state up and its jid"() {
        given:
        host.runtime.up('web', '77')

        expect:
        new GetVerb(host.session()).get('state', 'web') == 'up'
        new GetVerb(host.session()).get('jid', 'web') == '77'
    }

    def "get of one property gives its iocage-typed value"() {
        expect:
        new GetVerb(host.session()).get(property, 'web') == value

        where:
        property   | value
        'vnet'     | 1
        'bpf'      | 0
        'priority' | '99'
        'hostid'   | null
    }

    def "get of an unknown property names the nearest"() {
        when:
        new GetVerb(host.session()).get('vnett', 'web')

        then:
        ValidationException e = thrown()
        e.hint().contains('vnet')
    }

    def "some gives several properties in the order asked"() {
        expect:
        new GetVerb(host.session()).some(['notes', 'vnet', 'boot'], 'web') ==
                [notes: 'front', vnet: 1, boot: 0]
    }
}
