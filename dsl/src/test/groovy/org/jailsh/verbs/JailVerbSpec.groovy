package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.model.JailType
import org.jailsh.spi.MountEntry
import org.jailsh.spi.ValidationException
import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

class JailVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host
    Path media

    def setup() {
        host = new TestHost(tmp)
        media = Files.createDirectories(tmp.resolve('host/media'))
    }

    JailSpec spec(Map<String, String> properties = [vnet: '1'], List<MountEntry> mounts = null, String release = 'busybox') {
        new JailSpec('web', release, null, null, properties,
                mounts == null ? [MountRules.entry(media.toString(), '/media', true)] : mounts)
    }

    def "the first apply creates the jail with its properties and mounts"() {
        when:
        def outcome = new JailVerb(host.session()).apply(spec())

        then:
        outcome.summary() == 'web: created'
        host.config('web').vnet == 1
        host.session().store().fstab(host.session().store().load('web')).entries() ==
                [new MountEntry(media.toString(), '/media', 'nullfs', 'ro')]
    }

    def "a second apply of the same block is up to date and writes nothing"() {
        given:
        new JailVerb(host.session()).apply(spec())
        def before = host.tree()
        byte[] config = Files.readAllBytes(host.jailDir('web').resolve('config.json'))

        when:
        def outcome = new JailVerb(host.session()).apply(spec())

        then:
        outcome.upToDate()
        outcome.steps().isEmpty()
        outcome.summary() == 'web: up to date'
        host.tree() == before
        Files.readAllBytes(host.jailDir('web').resolve('config.json')) == config
        !Files.exists(host.jailDir('web').resolve('config_backup.json'))
        host.storage.calls == ['create web CLONE busybox']
    }

    def "a changed property yields exactly one change step"() {
        given:
        new JailVerb(host.session()).apply(spec())

        when:
        def outcome = new JailVerb(host.session()).apply(spec([vnet: '1', notes: 'changed']))

        then:
        outcome.steps().size() == 1
        outcome.steps()[0].mark() == '~'
        outcome.steps()[0].title() == 'set notes: none -> changed'
        outcome.summary() == 'web: updated (1 step)'
        host.config('web').notes == 'changed'
    }

    def "a changed mount option yields one fstab change step"() {
        given:
        new JailVerb(host.session()).apply(spec())

        when:
        def outcome = new JailVerb(host.session()).apply(spec([vnet: '1'],
                [MountRules.entry(media.toString(), '/media', false)]))

        then:
        outcome.steps()*.mark() == ['~']
        outcome.steps()[0].title() == "fstab ${media} -> /media (rw)".toString()
        host.session().store().fstab(host.session().store().load('web')).entries()[0].options() == 'rw'
    }

    def "a different release is refused: a release changes only by upgrade"() {
        given:
        new JailVerb(host.session()).apply(spec())

        when:
        new JailVerb(host.session()).apply(spec([vnet: '1'], null, 'alpine'))

        then:
        ValidationException e = thrown()
        e.message == 'web is on release busybox, not alpine'
        e.hint() == "a jail's release changes only by 'upgrade web -r alpine'"
    }

    def "a jail on a patch level of the release still matches the release it was cloned from"() {
        given: 'a jail iocage made from 13.2-RELEASE, now at -p4'
        host.writeJail('web', [host_hostuuid: 'web', release: '13.2-RELEASE-p4', cloned_release: '13.2-RELEASE'])

        when:
        def outcome = new JailVerb(host.session()).apply(new JailSpec('web', '13.2-RELEASE', null, null, [:], []))

        then:
        outcome.upToDate()
    }

    def "asking for a basejail when the jail exists as a clone is refused"() {
        given:
        new JailVerb(host.session()).apply(spec())

        when:
        new JailVerb(host.session()).apply(new JailSpec('web', 'busybox', null, JailType.BASEJAIL, [:], []))

        then:
        ValidationException e = thrown()
        e.message == 'web exists and is not a basejail'
    }

    def "a dry run writes nothing and its outcome lists the steps with their command lines"() {
        given:
        def before = host.tree()

        when:
        def outcome = new JailVerb(host.dryRun()).apply(spec())

        then:
        host.tree() == before
        outcome.dryRun()
        outcome.summary() == 'web: plan only, nothing changed'
        outcome.steps()*.title() == ['fetch release busybox (fake-release)', 'create web (clone of busybox)',
                                     'write config.json', 'write fstab (1 mount)']
        outcome.steps()[0].commands() == ['fake-fetch busybox']
        outcome.steps()[1].commands() == ["mkdir -p ${host.jailDir('web').resolve('root')}".toString()]
        outcome.steps()[2].commands()[0].contains('"vnet": 1')
        outcome.steps()[3].commands() == ["fstab ${host.jailDir('web').resolve('fstab')}: ${media}\t${host.jailDir('web').resolve('root')}/media\tnullfs\tro\t0\t0 # Added by jailsh".toString()]
        host.storage.calls == ['create web CLONE busybox']
        host.release.calls == ['fetch busybox']
    }

    def "a dry run of a change to an existing jail shows the change and leaves the config alone"() {
        given:
        new JailVerb(host.session()).apply(spec())
        byte[] before = Files.readAllBytes(host.jailDir('web').resolve('config.json'))

        when:
        def outcome = new JailVerb(host.dryRun()).apply(spec([vnet: '1', notes: 'x']))

        then:
        outcome.steps().size() == 1
        outcome.steps()[0].commands()[0].startsWith("write ${host.jailDir('web').resolve('config.json')} {")
        Files.readAllBytes(host.jailDir('web').resolve('config.json')) == before
        !Files.exists(host.jailDir('web').resolve('config_backup.json'))
    }
}
