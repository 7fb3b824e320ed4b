package org.jailsh.verbs

import java.nio.file.Path

import org.jailsh.spi.Availability
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.JailshException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.UpdateProvider
import org.jailsh.spi.ValidationException
import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

/**
 * update and upgrade: a snapshot first, a rollback when the provider fails, and afterwards the release the provider
 * finds installed written into config.json — for a basejail's update, into every basejail whose system changed with it
 * (iocage.md §4.8, §5). An upgrade needs the jail stopped.
 */
class UpdateVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host
    FakeUpdate updater = new FakeUpdate()

    /** Patches by setting what installedRelease answers per jail (or per release root for basejails). */
    static class FakeUpdate implements UpdateProvider {
        final List<String> calls = []
        final Map<String, String> installed = [:]
        RuntimeException fail

        String id() { 'fake-update' }

        Set<Platform> platforms() { [Platform.LINUX] as Set }

        Set<String> capabilities() { ['update'] as Set }

        Availability probe(HostFacts facts) { Availability.ok() }

        boolean handles(JailRef jail) { true }

        String update(JailRef jail, ProviderContext ctx) {
            calls << "update ${jail.name()}".toString()
            if (fail != null) {
                throw fail
            }
            'patched'
        }

        String upgrade(JailRef jail, String release, ProviderContext ctx) {
            calls << "upgrade ${jail.name()} ${release}".toString()
            if (fail != null) {
                throw fail
            }
            'upgraded'
        }

        String installedRelease(JailRef jail, ProviderContext ctx) {
            String key = jail.flag('basejail') ? 'release:' + jail.property('release') : jail.name()
            calls << "installed ${key}".toString()
            installed[key]
        }
    }

    def setup() {
        host = new TestHost(tmp)
        host.plugin.update = [updater]
        host.create('web')
    }

    def "update records the release the provider finds installed"() {
        given:
        updater.installed.web = 'busybox-p2'

        when:
        def outcome = new UpdateVerb(host.session()).update('web')

        then:
        outcome.steps()*.title() == ["snapshot web@${host.storage.snapshotsByJail.web[0]}".toString(),
                                     'update web (fake-update)', 'record the release web is on']
        updater.calls == ['update web', 'installed web']
        outcome.summary() == 'web: patched'
        host.config('web').release == 'busybox-p2'
        host.config('web').cloned_release == 'busybox'
    }

    def "a provider that cannot tell leaves the release as it was"() {
        when:
        new UpdateVerb(host.session()).update('web')

        then:
        host.config('web').release == 'busybox'
    }

    def "a failed update is rolled back and nothing is recorded"() {
        given:
        updater.fail = new JailshException('mirror unreachable')
        updater.installed.web = 'busybox-p2'

        when:
        new UpdateVerb(host.session()).update('web')

        then:
        JailshException e = thrown()
        e.message.startsWith('web: update failed and was rolled back to ioc_update_')
        host.storage.calls.last().startsWith('rollback web@ioc_update_')
        host.config('web').release == 'busybox'
        !updater.calls.contains('installed web')
    }

    def "a basejail's update re-stamps every basejail whose shared system changed, not other jails or templates"() {
        given:
        host.writeJail('base1', [release: 'busybox', basejail: 1, type: 'jail'])
        host.writeJail('base2', [release: 'busybox', basejail: 1, type: 'jail'])
        host.writeJail('base3', [release: 'alpine', basejail: 1, type: 'jail'])
        host.writeJail('tbase', [release: 'busybox', basejail: 1, type: 'template', template: 1], true)
        updater.installed['release:busybox'] = 'busybox-p2'

        when:
        new UpdateVerb(host.session()).update('base1')

        then:
        host.config('base1').release == 'busybox-p2'
        host.config('base2').release == 'busybox-p2'
        host.config('base3').release == 'alpine'
        host.config('web').release == 'busybox'
        org.jailsh.store.IocageJson.read(tmp.resolve('templates/tbase/config.json')).release == 'busybox'
        updater.calls == ['update base1', 'installed release:busybox', 'installed release:busybox',
                          'installed release:alpine']
    }

    def "an upgrade asks for the installed release as on the new release, and records it"() {
        given:
        host.writeJail('base1', [release: 'busybox', basejail: 1, type: 'jail'])
        updater.installed['release:alpine'] = 'alpine-3.20.1'

        when:
        new UpdateVerb(host.session()).upgrade('base1', 'alpine')

        then:
        updater.calls == ['upgrade base1 alpine', 'installed release:alpine']
        host.config('base1').release == 'alpine-3.20.1'
    }

    def "an upgrade is refused while the jail is up, before any snapshot"() {
        given:
        host.runtime.up('web')

        when:
        new UpdateVerb(host.session()).upgrade('web', 'alpine')

        then:
        ValidationException e = thrown()
        e.message == 'web is up; upgrade needs it stopped'
        e.hint().startsWith('stop web first')
        host.storage.calls.findAll { it.startsWith('snapshot') }.isEmpty()
        updater.calls.isEmpty()
    }

    def "a second run in the same second gets its own snapshot name"() {
        expect:
        UpdateVerb.unique([], 'ioc_update_2026-05-02_10.14.03') == 'ioc_update_2026-05-02_10.14.03'
        UpdateVerb.unique(['ioc_update_2026-05-02_10.14.03'], 'ioc_update_2026-05-02_10.14.03') ==
                'ioc_update_2026-05-02_10.14.03_2'
        UpdateVerb.unique(['x', 'x_2'], 'x') == 'x_3'
    }
}
