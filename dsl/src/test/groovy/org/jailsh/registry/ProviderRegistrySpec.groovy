package org.jailsh.registry

import org.jailsh.spi.Availability
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshPlugin
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderKind
import org.jailsh.spi.ProviderUnavailableException
import org.jailsh.spi.RuntimeProvider
import org.jailsh.spi.StorageProvider
import org.jailsh.testing.FakePlugin
import org.jailsh.testing.FakeRuntime
import org.jailsh.testing.FakeStorage
import spock.lang.Specification

import java.nio.file.Path

class ProviderRegistrySpec extends Specification {

    HostFacts linux = new HostFacts(Platform.LINUX, false, Path.of('/tmp/iocroot'), [PATH: '/usr/bin:/bin'])

    ProviderRegistry registry(List<JailshPlugin> plugins, Map<ProviderKind, String> preferences = [:],
                              boolean planning = false) {
        new ProviderRegistry(plugins, [], linux, preferences, planning)
    }

    static FakePlugin plugin(String name, Map<String, List> providers) {
        def p = new FakePlugin(name)
        providers.each { kind, list -> p."$kind" = list }
        p
    }

    def "a good provider is listed as available, with the plugin it came from"() {
        given:
        def r = registry([plugin('good', [storage: [new FakeStorage('dir')]])])

        expect:
        r.entries().size() == 1
        r.entries()[0].id() == 'dir'
        r.entries()[0].plugin() == 'good'
        r.entries()[0].availability().available()
        r.broken().isEmpty()
        r.require(ProviderKind.STORAGE, StorageProvider).id() == 'dir'
    }

    def "a provider whose probe throws is unavailable, with the error as its reason; the others still work"() {
        given:
        def throwing = new FakeStorage('zfs', 10) {
            @Override
            Availability probe(HostFacts facts) { throw new IllegalStateException('zpool exploded') }
        }
        def r = registry([plugin('mixed', [storage: [throwing, new FakeStorage('dir')]])])

        expect:
        def zfs = r.entries().find { it.id() == 'zfs' }
        !zfs.availability().available()
        zfs.availability().reason() == 'its probe failed: IllegalStateException: zpool exploded'
        r.require(ProviderKind.STORAGE, StorageProvider).id() == 'dir'
        r.broken().isEmpty()
    }

    def "a provider is probed the first time its kind is asked for, and only once"() {
        given:
        int storageProbes = 0
        int runtimeProbes = 0
        def storage = new FakeStorage('dir') {
            @Override
            Availability probe(HostFacts facts) { storageProbes++; Availability.ok() }
        }
        def runtime = new FakeRuntime('ns') {
            @Override
            Availability probe(HostFacts facts) { runtimeProbes++; Availability.ok() }
        }
        def r = registry([plugin('p', [storage: [storage], runtime: [runtime]])])

        when:
        r.require(ProviderKind.RUNTIME, RuntimeProvider)
        r.require(ProviderKind.RUNTIME, RuntimeProvider)

        then:
        runtimeProbes == 1
        storageProbes == 0

        when:
        r.entries()*.availability()

        then:
        storageProbes == 1
        runtimeProbes == 1
    }

    def "a probe that answers null is unavailable, not a crash"() {
        given:
        def silent = new FakeStorage('quiet')
        silent.availability = null

        expect:
        registry([plugin('p', [storage: [silent]])]).entries()[0].availability().reason() == 'its probe gave no answer'
    }

    def "a plugin whose storageProviders() throws is reported broken; its other kinds and other plugins load"() {
        given:
        def bad = new FakePlugin('half-broken') {
            @Override
            List<StorageProvider> storageProviders() { throw new UnsupportedOperationException('no storage today') }
        }
        bad.runtime = [new FakeRuntime('ns')]
        def r = registry([bad, plugin('good', [storage: [new FakeStorage('dir')]])])

        expect:
        r.broken() == [new BrokenPlugin('half-broken',
                'failed to create its providers: UnsupportedOperationException: no storage today')]
        r.entries()*.id() as Set == ['ns', 'dir'] as Set
    }

    def "a plugin whose name() throws is reported by its class name"() {
        given:
        def nameless = new FakePlugin() {
            @Override
            String name() { throw new IllegalStateException('no name') }

            @Override
            List<StorageProvider> storageProviders() { throw new IllegalStateException('boom') }
        }

        expect:
        registry([nameless]).broken()[0].plugin() == nameless.getClass().name
    }

    def "duplicate ids of one kind: the first is used, the second reported"() {
        given:
        def first = new FakeStorage('dir', 1)
        def second = new FakeStorage('dir', 5)
        def r = registry([plugin('one', [storage: [first]]), plugin('two', [storage: [second]])])

        expect:
        r.entries()*.provider() == [first]
        r.broken() == [new BrokenPlugin('two', "duplicate storage provider id 'dir'; the first one is used")]
    }

    def "the same id for two different kinds is fine"() {
        given:
        def r = registry([plugin('p', [storage: [new FakeStorage('linux')], runtime: [new FakeRuntime('linux')]])])

        expect:
        r.entries().size() == 2
        r.broken().isEmpty()
    }

    def "#label is refused at load with a message saying what to fix"() {
        given:
        def r = registry([plugin('p', [storage: [provider]])])

        expect:
        r.entries().isEmpty()
        r.broken().size() == 1
        r.broken()[0].problem().contains(problem)

        where:
        label                  | provider                                                           | problem
        'empty capabilities'   | new FakeStorage('dir', 0, [Platform.LINUX] as Set, [] as Set)      | "storage provider 'dir' declares no capabilities"
        'no platforms'         | new FakeStorage('dir', 0, [] as Set)                               | "storage provider 'dir' declares no platforms"
        'an upper-case id'     | new FakeStorage('Dir')                                             | "has an invalid id 'Dir'"
        'an id with a space'   | new FakeStorage('my dir')                                          | "has an invalid id 'my dir'"
    }

    def "a provider for another platform is listed as unavailable with the reason, and never chosen"() {
        given:
        def r = registry([plugin('bsd', [storage: [new FakeStorage('zfs-bsd', 100, [Platform.FREEBSD] as Set)]])])

        expect:
        r.entries()[0].availability().reason() == 'not for the linux profile'
        r.choose(ProviderKind.STORAGE, StorageProvider).isEmpty()
        r.usable(ProviderKind.STORAGE, StorageProvider).isEmpty()
    }

    def "the choice is deterministic: highest priority, then id, whatever the plugin order"() {
        given:
        def plugins = [plugin('a', [storage: [new FakeStorage('beta', 5)]]),
                       plugin('b', [storage: [new FakeStorage('alpha', 5)]]),
                       plugin('c', [storage: [new FakeStorage('zeta', 1)]]),
                       plugin('d', [storage: [new FakeStorage('omega', 9)]])]

        expect:
        [plugins, plugins.reverse(), [plugins[2], plugins[0], plugins[3], plugins[1]]].every {
            def r = registry(it)
            r.require(ProviderKind.STORAGE, StorageProvider).id() == 'omega' &&
                    r.usable(ProviderKind.STORAGE, StorageProvider)*.id() == ['omega', 'alpha', 'beta', 'zeta']
        }
    }

    def "an unavailable provider is skipped even when its priority is highest"() {
        given:
        def best = new FakeStorage('zfs', 100)
        best.availability = Availability.unavailable('no pool configured')
        def r = registry([plugin('p', [storage: [best, new FakeStorage('dir', 1)]])])

        expect:
        r.require(ProviderKind.STORAGE, StorageProvider).id() == 'dir'
    }

    def "a preference wins over priority"() {
        given:
        def r = registry([plugin('p', [storage: [new FakeStorage('zfs', 100), new FakeStorage('dir', 1)]])],
                [(ProviderKind.STORAGE): 'dir'])

        expect:
        r.require(ProviderKind.STORAGE, StorageProvider).id() == 'dir'
        r.usable(ProviderKind.STORAGE, StorageProvider)*.id() == ['dir', 'zfs']
        r.chosenIds()[ProviderKind.STORAGE] == ['dir']
    }

    def "a preference for a provider that cannot work here is an error naming it, not a silent fallback"() {
        given:
        def zfs = new FakeStorage('zfs', 100)
        zfs.availability = Availability.unavailable('zfs is not installed')
        def r = registry([plugin('p', [storage: [zfs, new FakeStorage('dir', 1)]])], [(ProviderKind.STORAGE): 'zfs'])

        when:
        r.require(ProviderKind.STORAGE, StorageProvider)

        then:
        ProviderUnavailableException e = thrown()
        e.message == "the storage provider 'zfs' cannot be used on the linux profile"
        e.hint().contains('zfs: zfs is not installed')
    }

    def "with no runtime provider at all, require says so for the profile"() {
        given:
        def r = registry([plugin('p', [storage: [new FakeStorage('dir')]])])

        when:
        r.require(ProviderKind.RUNTIME, RuntimeProvider)

        then:
        ProviderUnavailableException e = thrown()
        e.message == 'no runtime provider for the linux profile yet'
        e.hint() == "install a plugin that provides one, or see 'providers'"
        e.userMessage() == "no runtime provider for the linux profile yet; install a plugin that provides one, or see 'providers'"
    }

    def "when runtime providers exist but none can work, the error lists why each cannot"() {
        given:
        def ns = new FakeRuntime('linux-ns')
        ns.availability = Availability.unavailable('needs unprivileged user namespaces')
        def r = registry([plugin('p', [runtime: [ns, new FakeRuntime('jail8', 0, [Platform.FREEBSD] as Set)]])])

        when:
        r.require(ProviderKind.RUNTIME, RuntimeProvider)

        then:
        ProviderUnavailableException e = thrown()
        e.message == 'no runtime provider for the linux profile'
        e.hint().contains('linux-ns: needs unprivileged user namespaces')
        e.hint().contains('jail8: not for the linux profile')
    }

    def "planning mode may choose an unavailable provider of the profile, but never one of another profile"() {
        given:
        def ns = new FakeRuntime('linux-ns')
        ns.availability = Availability.unavailable('not root')
        def bsd = new FakeRuntime('jail8', 50, [Platform.FREEBSD] as Set)
        def plugins = [plugin('p', [runtime: [ns, bsd]])]

        expect:
        registry(plugins, [:], true).require(ProviderKind.RUNTIME, RuntimeProvider).id() == 'linux-ns'
        registry(plugins, [:], false).choose(ProviderKind.RUNTIME, RuntimeProvider).isEmpty()
        registry(plugins, [:], true).usable(ProviderKind.RUNTIME, RuntimeProvider)*.id() == ['linux-ns']
    }

    def "load errors handed in are reported with the rest"() {
        given:
        def loadError = new BrokenPlugin('org.example.Missing', 'failed to load: ClassNotFoundException')

        expect:
        new ProviderRegistry([], [loadError], linux, [:], false).broken() == [loadError]
    }

    def "chosenIds shows one id per kind, except releases where every usable provider counts"() {
        given:
        def release1 = Stub(org.jailsh.spi.ReleaseProvider) {
            id() >> 'busybox'; kind() >> ProviderKind.RELEASE; platforms() >> ([Platform.LINUX] as Set)
            capabilities() >> (['archive'] as Set); probe(_) >> Availability.ok()
        }
        def release2 = Stub(org.jailsh.spi.ReleaseProvider) {
            id() >> 'debootstrap'; kind() >> ProviderKind.RELEASE; platforms() >> ([Platform.LINUX] as Set)
            capabilities() >> (['debian'] as Set); probe(_) >> Availability.ok()
        }
        def r = registry([plugin('p', [storage: [new FakeStorage('dir'), new FakeStorage('zfs', 5)],
                                       release: [release1, release2]])])

        expect:
        r.chosenIds() == [(ProviderKind.STORAGE): ['zfs'], (ProviderKind.RELEASE): ['busybox', 'debootstrap']]
    }
}
