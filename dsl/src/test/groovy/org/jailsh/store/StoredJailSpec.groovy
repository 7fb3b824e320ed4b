package org.jailsh.store

import java.nio.file.Path

import spock.lang.Specification

/** The two views of a jail's properties: sorted {@code effective()} for people, immutable {@code properties()} for providers. */
class StoredJailSpec extends Specification {

    static final Map<String, Object> DEFAULTS = StoredJail.sharedDefaults([vnet: 'off', boot: 1, notes: 'none',
            release: 'busybox', ip4_addr: 'none', priority: 99])

    StoredJail jail(Map<String, Object> own, String name = 'web_1') {
        new StoredJail(name, Path.of('/iocage/jails', name), false, own, DEFAULTS, null)
    }

    def "properties() holds what effective() holds, nulls left out, flags coerced to 0/1, names defaulted"() {
        given:
        def own = new LinkedHashMap<String, Object>([vnet: 'yes', boot: 'off', notes: null, priority: 5, extra: 'x'])
        def web = jail(own)

        when:
        def effective = web.effective()
        def properties = web.properties()

        then:
        properties == effective.findAll { it.value != null }
        properties.vnet == 1 && properties.boot == 0
        !properties.containsKey('notes')
        properties.host_hostname == 'web-1' && properties.host_hostuuid == 'web_1'
        properties.extra == 'x' && properties.release == 'busybox'
        web.property('vnet') == '1' && web.property('notes') == 'none' && web.property('missing') == 'none'
        web.property('priority') == '5'
        web.ref().properties().is(properties) || web.ref().properties() == properties
    }

    def "jails sharing the defaults do not see each other's values"() {
        when:
        def a = jail([vnet: 'on', host_hostname: 'alpha'], 'a').properties()
        def b = jail([:], 'b').properties()

        then:
        a.vnet == 1 && a.host_hostname == 'alpha'
        b.vnet == 0 && b.host_hostname == 'b'
        DEFAULTS.vnet == 'off'
    }

    def "a corrupt jail has no properties"() {
        expect:
        new StoredJail('bad', Path.of('/iocage/jails/bad'), false, [:], DEFAULTS, 'config.json is not JSON')
                .properties() == [:]
    }
}
