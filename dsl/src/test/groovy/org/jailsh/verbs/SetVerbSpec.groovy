package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.spi.UsageException
import org.jailsh.spi.ValidationException
import org.jailsh.store.IocageJson
import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

class SetVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.create('web')
    }

    SetVerb set() {
        new SetVerb(host.session())
    }

    Path config() {
        host.jailDir('web').resolve('config.json')
    }

    def "set validates, stores iocage types and backs up the previous config first"() {
        given:
        String before = Files.readString(config())

        when:
        def outcome = set().set(['vnet=on', 'ip4_addr=vnet0|192.0.2.10/24', 'priority=5'], 'web')

        then:
        def written = host.config('web')
        written.vnet == 1
        written.ip4_addr == 'vnet0|192.0.2.10/24'
        written.priority == '5'
        Files.readString(host.jailDir('web').resolve('config_backup.json')) == before
        outcome.steps().size() == 1
        outcome.steps()[0].mark() == '~'
        outcome.steps()[0].title() == 'set vnet: 0 -> 1, ip4_addr: none -> vnet0|192.0.2.10/24, priority: 99 -> 5'
        outcome.summary() == 'web: set vnet: 0 -> 1, ip4_addr: none -> vnet0|192.0.2.10/24, priority: 99 -> 5'
    }

    def "an invalid value changes nothing"() {
        given:
        byte[] before = Files.readAllBytes(config())

        when:
        set().set(['notes=fine', 'vnet=maybe'], 'web')

        then:
        ValidationException e = thrown()
        e.message == "web: vnet 'maybe' is not valid: expected yes or no"
        Files.readAllBytes(config()) == before
        !Files.exists(host.jailDir('web').resolve('config_backup.json'))
    }

    def "a read-only property is refused with a hint about what to do instead"() {
        when:
        set().set(["${property}=x".toString()], 'web')

        then:
        ValidationException e = thrown()
        e.message == "web: ${property} cannot be changed by the user".toString()
        e.hint() == hint

        where:
        property       | hint
        'release'      | "use 'upgrade NAME -r RELEASE' to move a jail to another release"
        'type'         | 'use template=yes|no to turn a jail into a template and back'
        'basejail'     | 'choose the type at create: create -b for a basejail'
        'last_started' | 'jailsh maintains it'
        'host_hostuuid' | 'jailsh maintains it'
    }

    def "a defaults-only property is refused on a jail and accepted for 'default'"() {
        when:
        set().set(['nat_prefix=10.42'], 'web')

        then:
        ValidationException e = thrown()
        e.message == 'web: nat_prefix can only be set for all jails'
        e.hint() == 'set nat_prefix=10.42 default'

        when:
        byte[] oldDefaults = Files.readAllBytes(tmp.resolve('defaults.json'))
        def outcome = set().set(['nat_prefix=10.42'], 'default')

        then:
        outcome.summary() == 'default: updated'
        IocageJson.read(tmp.resolve('defaults.json')).nat_prefix == '10.42'
        Files.readAllBytes(tmp.resolve('defaults_backup.json')) == oldDefaults
        host.session().store().load('web').effective().nat_prefix == '10.42'
    }

    def "a default is validated too, and jail-only keys cannot be defaults"() {
        when:
        set().set([assignment], 'default')

        then:
        ValidationException e = thrown()
        e.message.contains(message)

        where:
        assignment            | message
        'nat_prefix=8.8'      | 'expected the first two numbers of a private IPv4 range'
        'host_hostname=x'     | 'host_hostname cannot be set as a default'
        'release=13.2'        | 'release cannot be set as a default'
    }

    def "a property that needs a stopped jail is refused while the runtime says it is up"() {
        given:
        host.runtime.up('web')
        byte[] before = Files.readAllBytes(config())

        when:
        set().set(['vnet=on'], 'web')

        then:
        ValidationException e = thrown()
        e.message == 'vnet cannot change while web is up'
        e.userMessage().contains('stop web first')
        Files.readAllBytes(config()) == before
    }

    def "a property that does not need a stop can change while the jail is up"() {
        given:
        host.runtime.up('web')

        when:
        set().set(['notes=live'], 'web')

        then:
        host.config('web').notes == 'live'
    }

    def "setting the value a jail already has is 'up to date' and writes nothing"() {
        given:
        set().set(['notes=same'], 'web')
        byte[] before = Files.readAllBytes(config())
        byte[] backup = Files.readAllBytes(host.jailDir('web').resolve('config_backup.json'))

        when:
        def outcome = set().set(['notes=same', 'vnet=off'], 'web')

        then:
        outcome.upToDate()
        outcome.summary() == 'web: up to date'
        Files.readAllBytes(config()) == before
        Files.readAllBytes(host.jailDir('web').resolve('config_backup.json')) == backup
    }

    def "'#word' is a usage error"() {
        when:
        set().set([word], 'web')

        then:
        UsageException e = thrown()
        e.message == "'${word}' is not PROPERTY=VALUE".toString()
        e.exitCode() == 2

        where:
        word << ['vnet', '=on', '']
    }

    def "nothing to set is an error"() {
        when:
        set().set([], 'web')

        then:
        ValidationException e = thrown()
        e.message == 'nothing to set'
    }

    def "the rules between properties are checked against the jail's effective values"() {
        when:
        set().set(['nat=on'], 'web')

        then:
        ValidationException e = thrown()
        e.message == 'web: nat needs vnet'

        when:
        set().set(['vnet=on'], 'web')
        set().set(['nat=on'], 'web')

        then:
        host.config('web').nat == 1
    }

    def "dhcp=on implies vnet and bpf, and says so"() {
        when:
        def outcome = set().set(['dhcp=on'], 'web')

        then:
        host.config('web').subMap(['dhcp', 'vnet', 'bpf']) == [dhcp: 1, vnet: 1, bpf: 1]
        outcome.notices() == ['vnet set to on because dhcp needs it', 'bpf set to on because dhcp needs it']
    }

    def "set on a corrupt jail says so and how to fix it"() {
        given:
        Files.writeString(config(), '{"broken": ')

        when:
        set().set(['notes=x'], 'web')

        then:
        JailshException e = thrown()
        e.message.startsWith('web has a corrupt configuration')
        e.hint().contains('config_backup.json')
        Files.readString(config()) == '{"broken": '
    }

    def "keys jailsh does not know survive a set on an iocage config"() {
        given:
        host.writeJail('legacy', [host_hostuuid: 'legacy', release: '13.2-RELEASE-p4', allow_nfsd: 0,
                                  some_plugin_key: 'kept'])

        when:
        set().set(['notes=x'], 'legacy')

        then:
        host.config('legacy') == [host_hostuuid: 'legacy', release: '13.2-RELEASE-p4', allow_nfsd: 0,
                                  some_plugin_key: 'kept', notes: 'x']
    }

    def "a unique prefix names the jail"() {
        when:
        set().set(['notes=by prefix'], 'we')

        then:
        host.config('web').notes == 'by prefix'
    }
}
