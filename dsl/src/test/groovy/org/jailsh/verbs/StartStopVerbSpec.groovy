package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.api.Session
import org.jailsh.registry.ProviderRegistry
import org.jailsh.spi.MountEntry
import org.jailsh.spi.ProviderUnavailableException
import org.jailsh.spi.ValidationException
import org.jailsh.testing.FakePlugin
import org.jailsh.testing.SafeLinks
import org.jailsh.testing.TestHost
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

class StartStopVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.create('web')
    }

    def "start hands the runtime the jail's fstab mounts and records last_started"() {
        given:
        Path media = Files.createDirectories(tmp.resolve('host/media'))
        new FstabVerb(host.session()).add('web', media.toString(), '/media', true)

        when:
        def outcomes = new StartStopVerb(host.session()).start('web')

        then:
        outcomes.size() == 1
        outcomes[0].summary() == 'web: up (jid 4242)'
        host.runtime.calls == ['start web']
        host.runtime.startedWith.web == [new MountEntry(media.toString(), '/media', 'nullfs', 'ro')]
        host.config('web').last_started ==~ /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/
    }

    def "starting a running jail changes nothing and says it is already up"() {
        given:
        host.runtime.up('web')

        when:
        def outcome = new StartStopVerb(host.session()).start('web')[0]

        then:
        outcome.upToDate()
        outcome.notices() == ['web is already up']
        host.runtime.calls.isEmpty()
    }

    def "stop stops a running jail; stopping a stopped one is a notice"() {
        given:
        host.runtime.up('web')

        expect:
        new StartStopVerb(host.session()).stop('web').summary() == 'web: down'
        host.runtime.calls == ['stop web']
        new StartStopVerb(host.session()).stop('web').notices() == ['web is not running']
    }

    def "jails named in depends start first, each once"() {
        given:
        host.create('db')
        host.create('cache', [depends: 'db'])
        new SetVerb(host.session()).set(['depends=db cache'], 'web')

        when:
        def outcomes = new StartStopVerb(host.session()).start('web')

        then:
        host.runtime.calls == ['start db', 'start cache', 'start web']
        outcomes.size() == 4
        outcomes[1].notices() == ['db is already up']
    }

    def "a depends cycle is an error naming it"() {
        given:
        host.create('db', [depends: 'web'])
        new SetVerb(host.session()).set(['depends=db'], 'web')

        when:
        new StartStopVerb(host.session()).start('web')

        then:
        ValidationException e = thrown()
        e.message == 'depends forms a cycle: web -> db -> web'
        host.runtime.calls.isEmpty()
    }

    def "without a runtime provider, start fails with a clear message and no stack trace"() {
        given:
        def facts = host.facts()
        def noRuntime = new FakePlugin('storage-only')
        noRuntime.storage = [host.storage]
        Session session = new Session(host.options(), facts, new ProviderRegistry([noRuntime], [], facts, [:], false),
                new RecordingHostExec())

        when:
        new StartStopVerb(session).start('web')

        then:
        ProviderUnavailableException e = thrown()
        e.message == 'no runtime provider for the linux profile yet'
    }

    def "a VNET jail needs a network provider, and says so before anything starts"() {
        given:
        new SetVerb(host.session()).set(['vnet=on'], 'web')

        when:
        new StartStopVerb(host.session()).start('web')

        then:
        ProviderUnavailableException e = thrown()
        e.message == 'no network provider for the linux profile yet'
        host.runtime.calls.isEmpty()
    }

    def "missing mount points are made in a plain root before the runtime starts; a planted symlink is refused"() {
        given:
        Path media = Files.createDirectories(tmp.resolve('host/media'))
        Path root = host.jailDir('web').resolve('root')
        new FstabVerb(host.session()).add('web', media.toString(), '/srv/media', true)

        when: 'a dry run only shows it'
        def plan = new StartStopVerb(host.dryRun()).start('web')[0]

        then:
        plan.steps()[0].commands().contains("mkdir -p ${root.resolve('srv/media')}".toString())
        !Files.exists(root.resolve('srv'))

        when: '(the fake runtime counts a planned start as one)'
        host.runtime.states.clear()
        host.runtime.calls.clear()
        new StartStopVerb(host.session()).start('web')

        then:
        Files.isDirectory(root.resolve('srv/media'))
        host.runtime.calls == ['start web']

        when: 'stopped, the jail has replaced srv by a symlink (here to a directory inside the sandbox)'
        new StartStopVerb(host.session()).stop('web')
        Files.delete(root.resolve('srv/media'))
        Files.delete(root.resolve('srv'))
        SafeLinks.link(tmp, root.resolve('srv'), tmp.resolve('host'))
        new StartStopVerb(host.session()).start('web')

        then:
        ValidationException e = thrown()
        e.message == 'web: mount destination /srv/media goes through a symlink (/srv -> ' + tmp.resolve('host') + ')'
        host.runtime.calls.count { it == 'start web' } == 1

        cleanup:
        SafeLinks.removeAll(tmp)
    }
}
