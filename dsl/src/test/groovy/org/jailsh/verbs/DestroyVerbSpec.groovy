package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.spi.ValidationException
import org.jailsh.testing.TestHost
import spock.lang.Requires
import org.jailsh.testing.SafeLinks
import spock.lang.Specification
import spock.lang.TempDir

class DestroyVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.create('web')
        host.create('web2')
        Files.writeString(host.jailDir('web2').resolve('root/precious'), 'keep me')
    }


    /** Links are removed without being followed before @TempDir cleanup, which would follow them. */
    def cleanup() {
        SafeLinks.removeAll(tmp)
    }

    def "destroy removes that jail's directory only; web2 is untouched"() {
        when:
        def outcome = new DestroyVerb(host.session()).destroy('web')

        then:
        outcome.summary() == 'web: destroyed'
        !Files.exists(host.jailDir('web'))
        Files.readString(host.jailDir('web2').resolve('root/precious')) == 'keep me'
        host.config('web2').host_hostuuid == 'web2'
        host.storage.calls.count { it == 'destroy web' } == 1
        !host.storage.calls.any { it == 'destroy web2' }
        host.session().store().list()*.name() == ['web2']
    }

    def "a running jail is stopped before it is destroyed"() {
        given:
        host.runtime.up('web')

        when:
        def outcome = new DestroyVerb(host.session()).destroy('web')

        then:
        outcome.steps()*.title() == ['stop web (fake-ns)', 'destroy web']
        host.runtime.calls == ['stop web']
        !Files.exists(host.jailDir('web'))
    }

    def "a symlink inside the jail is removed, never followed"() {
        given:
        Path outside = Files.createDirectories(tmp.resolve('outside'))
        Files.writeString(outside.resolve('data'), 'host data')
        SafeLinks.link(tmp, host.jailDir('web').resolve('root/escape'), outside)

        when:
        new DestroyVerb(host.session()).destroy('web')

        then:
        !Files.exists(host.jailDir('web'))
        Files.readString(outside.resolve('data')) == 'host data'
    }

    def "the warning says what will be lost"() {
        given:
        host.storage.snapshotsByJail.web = ['a', 'b']

        expect:
        new DestroyVerb(host.session()).warning('web') ==
                'This deletes web, all of its data and its 2 snapshots. There is no way to recover them.'
    }

    def "a dry run destroys nothing"() {
        given:
        def before = host.tree()

        when:
        def outcome = new DestroyVerb(host.dryRun()).destroy('web')

        then:
        host.tree() == before
        outcome.steps()[0].commands() == ["rm -r ${host.jailDir('web')}".toString()]
    }

    def "a template with jails made from it cannot be destroyed"() {
        given:
        new SetVerb(host.session()).set(['template=yes'], 'web')
        new CreateVerb(host.session()).create(new CreateRequest('child', null, 'web',
                org.jailsh.model.JailType.CLONE, false, [:], []))

        when:
        new DestroyVerb(host.session()).destroy('web')

        then:
        ValidationException e = thrown()
        e.message == 'web is the template of child'
        Files.isDirectory(tmp.resolve('templates/web'))
    }

    @Requires({ new File('/proc/self/status').readLines().find { it.startsWith('Uid:') }?.split(/\s+/)?.getAt(2) == '0' })
    def "destroy refuses while something is still mounted inside the jail, and the mounted data survives"() {
        given: 'a host directory bind-mounted into the jail root, as the runtime does at start'
        Path shared = Files.createDirectories(tmp.resolve('shared'))
        Files.writeString(shared.resolve('data'), 'lent to the jail')
        Path target = Files.createDirectories(host.jailDir('web').resolve('root/media'))
        def mount = ['mount', '--bind', shared.toString(), target.toString()].execute()
        assert mount.waitFor() == 0: mount.err.text

        when:
        new DestroyVerb(host.session()).destroy('web')

        then:
        JailshException e = thrown()
        e.message == "refusing to delete ${host.jailDir('web')}: ${target} is still mounted".toString()
        e.hint() == "stop the jail or unmount it first (umount ${target})".toString()
        Files.readString(shared.resolve('data')) == 'lent to the jail'
        Files.exists(host.jailDir('web').resolve('config.json'))

        cleanup:
        ['umount', target.toString()].execute().waitFor()
    }
}
