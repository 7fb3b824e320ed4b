package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.api.Session
import org.jailsh.registry.ProviderRegistry
import org.jailsh.spi.ValidationException
import org.jailsh.testing.FakePlugin
import org.jailsh.testing.FakeStorage
import org.jailsh.testing.TestHost
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

/** A jail remembers which storage made it; another storage chosen later is refused before it touches the jail. */
class JailStorageSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.create('web')
    }

    /** The same host, where another storage provider ('other') is the one chosen, as a plugin installed later would be. */
    Session withOtherStorage() {
        def plugin = new FakePlugin('later')
        plugin.storage = [new FakeStorage('other')]
        plugin.runtime = host.plugin.runtime
        plugin.release = host.plugin.release
        def facts = host.facts()
        new Session(host.options(false), facts, new ProviderRegistry([plugin], [], facts, [:], false),
                new RecordingHostExec())
    }

    def "create records the storage that made the jail"() {
        expect:
        Files.readString(tmp.resolve('jails/web/.jailsh-storage')).strip() == 'fake-dir'
        JailStorage.recorded(tmp.resolve('jails/web')) == Optional.of('fake-dir')
    }

    def "another storage is refused for #verb, naming both and how to choose the right one; the jail is untouched"() {
        given:
        Files.writeString(tmp.resolve('jails/web/root/precious'), 'keep me')

        when:
        action(withOtherStorage())

        then:
        def e = thrown(ValidationException)
        e.message == "web was made by the 'fake-dir' storage, but the storage in use is 'other'"
        e.hint() == "run with JAILSH_STORAGE_PROVIDER=fake-dir (see 'providers')"
        Files.readString(tmp.resolve('jails/web/root/precious')) == 'keep me'
        Files.exists(tmp.resolve('jails/web/config.json'))

        where:
        verb       | action
        'start'    | { Session s -> new StartStopVerb(s).start('web') }
        'snapshot' | { Session s -> new SnapshotVerb(s).snapshot('web', 'before') }
        'rollback' | { Session s -> new SnapshotVerb(s).rollback('web', 'before') }
        'destroy'  | { Session s -> new DestroyVerb(s).destroy('web') }
        'template' | { Session s -> new SetVerb(s).set(['template=yes'], 'web') }
    }

    def "the storage that made it still works, and a jail with no record (iocage's, an older jailsh's) is not checked"() {
        given:
        host.writeJail('old', [host_hostname: 'old', release: 'busybox'])

        when:
        new SnapshotVerb(host.session()).snapshot('web', 'fine')
        new DestroyVerb(withOtherStorage()).destroy('old')

        then:
        notThrown(Exception)
        !Files.exists(tmp.resolve('jails/old'))
    }
}
