package org.jailsh.linux

import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshPlugin
import org.jailsh.spi.Platform
import org.jailsh.spi.Provider
import spock.lang.Specification

class LinuxPluginSpec extends Specification {

    def "the plugin is found by ServiceLoader and provides the linux profile"() {
        when:
        def plugins = ServiceLoader.load(JailshPlugin).toList().findAll { it instanceof LinuxPlugin }
        List<Provider> providers = plugins.collectMany {
            it.storageProviders() + it.runtimeProviders() + it.networkProviders() + it.releaseProviders() +
                    it.updateProviders()
        }

        then:
        plugins.size() == 1
        providers*.id() == ['dir', 'linux-ns', 'netns', 'busybox', 'debian', 'archive', 'apt']
        providers.every { it.platforms() == [Platform.LINUX] as Set && !it.capabilities().isEmpty() }
    }

    def "on FreeBSD every provider of the plugin says it cannot work, and why"() {
        given:
        def facts = new HostFacts(Platform.FREEBSD, true, Path.of('/iocage'), [PATH: '/usr/bin:/bin'])
        def plugin = new LinuxPlugin()

        expect:
        (plugin.storageProviders() + plugin.runtimeProviders() + plugin.releaseProviders() + plugin.updateProviders())
                .every { !it.probe(facts).available() && !it.probe(facts).reason().isBlank() }
    }
}
