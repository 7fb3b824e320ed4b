package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.spi.ValidationException
import org.jailsh.store.JailLock
import org.jailsh.store.PendingChanges
import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

/** doctor on states a killed jailsh leaves, made by hand; the real kills are the shell's CrashSafetySpec. */
class DoctorVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.create('web')
        Files.writeString(host.jailDir('web').resolve('root/precious'), 'keep me')
    }

    DoctorVerb doctor() {
        new DoctorVerb(host.session())
    }

    def "a whole state root has nothing wrong, and create and destroy leave no marker"() {
        given:
        host.create('gone')
        new DestroyVerb(host.session()).destroy('gone')

        expect:
        doctor().check() == []
        !Files.exists(tmp.resolve('.jailsh/pending/web'))
    }

    def "a create cut short is listed as incomplete, refused by verbs, and removed by --fix"() {
        given:
        host.create('half')
        host.session().store().pending().mark('half', PendingChanges.CREATE)

        when:
        def findings = doctor().check()
        def row = new ListVerb(host.session()).list(false).find { it.name() == 'half' }
        new SetVerb(host.session()).set(['notes=x'], 'half')

        then:
        thrown(JailshException)
        row.state() == 'INCOMPLETE'
        findings*.subject() == ['half']
        findings[0].repair() == 'remove the half-made jail'

        when:
        doctor().fix()

        then:
        !Files.exists(host.jailDir('half'))
        doctor().check() == []
        Files.readString(host.jailDir('web').resolve('root/precious')) == 'keep me'
    }

    def "storage work a kill interrupted is reported, and recovered by the storage under the jail's lock"() {
        given:
        host.storage.interruptedByJail.web = ['a rollback stopped between its renames']
        Files.delete(host.jailDir('web').resolve('root/precious'))
        Files.delete(host.jailDir('web').resolve('root'))

        when:
        def findings = doctor().check()

        then: 'one finding, and the missing root is not reported apart: recovering brings it back'
        findings*.subject() == ['web']
        findings[0].problem() == 'a rollback stopped between its renames'
        findings[0].repair() == "recover the jail's data"

        when:
        doctor().fix()

        then:
        host.storage.calls.contains('recover web')
        host.storage.interruptedByJail.isEmpty()
    }

    def "a template change cut short between its move and its config is reported and recorded by --fix"() {
        given: 'what set template=yes leaves when killed after moving the directory, before writing the config'
        Files.createDirectories(tmp.resolve('templates'))
        Files.move(host.jailDir('web'), tmp.resolve('templates/web'))

        when:
        def findings = doctor().check()

        then:
        findings*.subject() == ['web']
        findings[0].problem().startsWith('in templates/ but its config says template=0')
        findings[0].repair() == 'record template=1 in its config'

        when:
        doctor().fix()
        def web = host.session().store().load('web')

        then:
        doctor().check() == []
        web.template()
        web.own().template == 1
        web.own().type == 'template'
        Files.readString(tmp.resolve('templates/web/root/precious')) == 'keep me'
    }

    def "a template set back to a jail, cut short the same way, is recorded as a jail"() {
        given:
        new SetVerb(host.session()).set(['template=yes'], 'web')
        Files.move(tmp.resolve('templates/web'), host.jailDir('web'))

        when:
        def findings = doctor().check()
        doctor().fix()

        then:
        findings[0].repair() == 'record template=0 in its config'
        !host.session().store().load('web').template()
        host.session().store().load('web').own().template == 0
        doctor().check() == []
    }

    def "a destroy that refused to start leaves the jail whole"() {
        given:
        host.storage.failDestroy = new ValidationException('web: cannot destroy, still mounted: /x', 'unmount it')

        when:
        new DestroyVerb(host.session()).destroy('web')

        then:
        thrown(ValidationException)
        doctor().check() == []
        new ListVerb(host.session()).list(false).find { it.name() == 'web' }.state() == 'down'
    }

    def "an unreadable config is restored from its backup; without one it is left for a person"() {
        given:
        new SetVerb(host.session()).set(['notes=before'], 'web')
        host.create('lost')
        Files.writeString(host.jailDir('web').resolve('config.json'), '{ "rel')
        Files.writeString(host.jailDir('lost').resolve('config.json'), '')
        Files.deleteIfExists(host.jailDir('lost').resolve('config_backup.json'))

        when:
        doctor().fix()
        def left = doctor().check()

        then:
        host.session().store().load('web').own().release == 'busybox'
        left*.subject() == ['lost']
        left[0].repair() == null
    }

    def "temporary files of interrupted writes and stale lock holders are cleared; a held lock is not touched"() {
        given:
        Path temp = host.jailDir('web').resolve('.config.json.123456.tmp')
        Files.writeString(temp, '{')
        Path lock = tmp.resolve('.jailsh/locks/web.lock')
        Files.writeString(lock, 'pid 999999: jailsh set web')

        expect:
        doctor().check()*.problem().sort() == ['stale lock left by pid 999999: jailsh set web, which is gone',
                                               "unfinished write $temp".toString()]

        when:
        doctor().fix()

        then:
        !Files.exists(temp)
        Files.readString(lock) == ''

        when: 'another thread holds it'
        host.session().store().pending().mark('web', PendingChanges.CREATE)
        def held = Thread.start { JailLock.acquire(lock, 'jailsh create web', 1000).withCloseable { sleep 1500 } }
        sleep 300

        then: 'a jail being created is not a problem'
        doctor().check() == []

        cleanup:
        held?.join()
        host.session().store().pending().clear('web')
    }
}
