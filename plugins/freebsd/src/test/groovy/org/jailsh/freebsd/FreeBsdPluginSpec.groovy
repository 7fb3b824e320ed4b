package org.jailsh.freebsd

import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshPlugin
import org.jailsh.spi.Platform
import spock.lang.Specification

class FreeBsdPluginSpec extends Specification {

    def "the plugin offers jail8, vnet, freebsd and freebsd-update for the freebsd profile"() {
        when:
        def plugin = ServiceLoader.load(JailshPlugin).toList().find { it instanceof FreeBsdPlugin }
        def providers = plugin.runtimeProviders() + plugin.networkProviders() + plugin.releaseProviders() +
                plugin.updateProviders()

        then:
        providers*.id() == ['jail8', 'vnet', 'freebsd', 'freebsd-update']
        providers.every { it.platforms() == [Platform.FREEBSD] as Set && !it.capabilities().isEmpty() }
        plugin.storageProviders().isEmpty()
    }

    def "on a host without jail(8) every provider says it needs FreeBSD"() {
        given:
        def facts = new HostFacts(Platform.FREEBSD, true, Path.of('/var/lib/jailsh/iocage'), [PATH: '/nonexistent'])
        def plugin = new FreeBsdPlugin()

        expect:
        (plugin.runtimeProviders() + plugin.networkProviders() + plugin.releaseProviders() + plugin.updateProviders())
                .collect { it.probe(facts) }
                .every { !it.available() && it.reason() == 'needs FreeBSD: jail(8) not found' }
    }
}
