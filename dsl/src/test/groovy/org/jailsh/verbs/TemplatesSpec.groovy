package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.model.JailType
import org.jailsh.spi.JailRef
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ValidationException
import org.jailsh.store.IocageJson
import org.jailsh.testing.FakeStorage
import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

/** The template flow across verbs: set template=yes/no, list -t, start refused, create -t. */
class TemplatesSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.create('base', [notes: 'golden image'])
    }

    def "set template=yes moves jails/NAME to templates/NAME and records it in the config"() {
        when:
        def outcome = new SetVerb(host.session()).set(['template=yes'], 'base')

        then:
        outcome.steps()*.title() == ['template: 0 -> 1']
        !Files.exists(host.jailDir('base'))
        Path moved = tmp.resolve('templates/base')
        Files.isDirectory(moved.resolve('root'))
        def config = org.jailsh.store.IocageJson.read(moved.resolve('config.json'))
        config.template == 1
        config.type == 'template'
        config.notes == 'golden image'
        host.storage.calls.contains('setTemplate base true')
    }

    def "list(true) shows the template and list(false) no longer does"() {
        given:
        new SetVerb(host.session()).set(['template=yes'], 'base')
        host.create('web')

        expect:
        new ListVerb(host.session()).list(true)*.name() == ['base']
        new ListVerb(host.session()).list(true)[0].type() == 'template'
        new ListVerb(host.session()).list(false)*.name() == ['web']
    }

    def "a template cannot be started"() {
        given:
        new SetVerb(host.session()).set(['template=yes'], 'base')

        when:
        new StartStopVerb(host.session()).start('base')

        then:
        ValidationException e = thrown()
        e.message == 'base is a template and templates cannot be started'
        e.hint() == 'create a jail from it: create -t base -n NAME'
        host.runtime.calls.isEmpty()
    }

    def "a jail is created from a template, recording source_template and fetching nothing"() {
        given:
        new SetVerb(host.session()).set(['template=yes'], 'base')
        host.release.calls.clear()
        host.storage.calls.clear()

        when:
        new CreateVerb(host.session()).create(new CreateRequest('web', null, 'base', JailType.CLONE, false, [:], []))

        then:
        host.config('web').source_template == 'base'
        host.config('web').release == 'busybox'
        host.storage.calls == ['create web CLONE base']
        host.release.calls.isEmpty()
    }

    def "create -t with a jail that is not a template says how to make it one"() {
        when:
        new CreateVerb(host.session()).create(new CreateRequest('web', null, 'base', JailType.CLONE, false, [:], []))

        then:
        ValidationException e = thrown()
        e.message == 'base is not a template'
        e.hint() == 'make it one first: set template=yes base'
    }

    def "template=no moves it back to an ordinary jail"() {
        given:
        new SetVerb(host.session()).set(['template=yes'], 'base')

        when:
        new SetVerb(host.session()).set(['template=no'], 'base')

        then:
        !Files.exists(tmp.resolve('templates/base'))
        host.config('base').template == 0
        host.config('base').type == 'jail'
        new ListVerb(host.session()).list(false)*.name() == ['base']
    }

    def "template=no is refused while jails made from the template use its directory as their layer"() {
        given:
        new SetVerb(host.session()).set(['template=yes'], 'base')
        new CreateVerb(host.session()).create(new CreateRequest('web', null, 'base', JailType.CLONE, false, [:], []))

        when:
        new SetVerb(host.session()).set(['template=no'], 'base')

        then:
        ValidationException e = thrown()
        e.message == 'base is the template of web; it stays a template while they use it'
        e.hint() == 'destroy those jails first'
        Files.isDirectory(tmp.resolve('templates/base'))
        host.config('web').source_template == 'base'
    }

    def "template=yes is refused while the jail is up"() {
        given:
        host.runtime.up('base')

        when:
        new SetVerb(host.session()).set(['template=yes'], 'base')

        then:
        ValidationException e = thrown()
        e.message == 'template cannot change while base is up'
        Files.isDirectory(host.jailDir('base'))
    }

    def "a dry run of template=yes moves nothing"() {
        given:
        def before = host.tree()

        when:
        def outcome = new SetVerb(host.dryRun()).set(['template=yes'], 'base')

        then:
        host.tree() == before
        outcome.steps()[0].commands()[0] == "move ${host.jailDir('base')} -> ${tmp.resolve('templates/base')}".toString()
    }

    def "with storage that moves templates itself (zfs), the config is written before the template turns read-only"() {
        given: 'a storage that renames the jail and sets readonly in one call, as zfs does'
        List<String> order = []
        def moving = new FakeStorage() {
            @Override
            boolean movesTemplates() { true }

            @Override
            void setTemplate(JailRef jail, boolean template, ProviderContext ctx) {
                Path from = jail.dir().parent.parent.resolve(template ? 'jails' : 'templates').resolve(jail.name())
                order << "config template=${IocageJson.read(from.resolve('config.json')).template}".toString()
                Files.move(from, jail.dir())
                order << "readonly=${template ? 'on' : 'off'}".toString()
            }
        }
        host.plugin.storage = [moving]

        when:
        new SetVerb(host.session()).set(['template=yes'], 'base')

        then:
        order == ['config template=1', 'readonly=on']
        IocageJson.read(tmp.resolve('templates/base/config.json')).type == 'template'

        when: 'back to a jail, the config is written once the dataset is writable again'
        order.clear()
        new SetVerb(host.session()).set(['template=no'], 'base')

        then:
        order == ['config template=1', 'readonly=off']
        host.config('base').template == 0
    }
}
