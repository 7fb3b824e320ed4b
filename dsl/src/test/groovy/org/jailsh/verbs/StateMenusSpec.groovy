package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.ValidationException
import org.jailsh.testing.SafeLinks
import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The seed's "menu entries change depending on the jail state": no shell on a jail that is down; no edit of what
 * needs a stop, and no mount change, on a jail that is up. Each refusal names the reason and the command that helps,
 * and changes nothing.
 */
class StateMenusSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host
    Path media

    def setup() {
        host = new TestHost(tmp)
        host.create('uxweb', [vnet: 'on'])
        media = Files.createDirectories(tmp.resolve('host/media'))
    }

    def cleanup() {
        SafeLinks.removeAll(tmp)
    }

    byte[] config() {
        Files.readAllBytes(host.jailDir('uxweb').resolve('config.json'))
    }

    byte[] fstab() {
        Files.readAllBytes(host.jailDir('uxweb').resolve('fstab'))
    }

    def "#verb on a jail that is down is refused with the command that starts it"() {
        when:
        action(new ExecVerb(host.session()))

        then:
        ValidationException e = thrown()
        e.message == "uxweb is not running, so it has no $verb"
        e.hint() == 'start it first: jailsh start uxweb (at jailsh>: start uxweb)'
        host.lastExec.lines().isEmpty()

        where:
        verb      | action
        'console' | { ExecVerb v -> v.console('uxweb') }
        'exec'    | { ExecVerb v -> v.exec('uxweb', ['hostname'], null, false) }
    }

    def "#property cannot change while the jail is up, and the config is untouched"() {
        given:
        host.runtime.up('uxweb')
        byte[] before = config()

        when:
        new SetVerb(host.session()).set([property + '=' + value], 'uxweb')

        then:
        ValidationException e = thrown()
        e.message.startsWith(property)
        e.message.endsWith(' cannot change while uxweb is up')
        e.hint() == 'stop uxweb first (stop uxweb)'
        config() == before

        where:
        property         | value
        'vnet'           | 'off'
        'nat'            | 'on'
        'dhcp'           | 'on'
        'ip4_addr'       | 'vnet0|192.168.7.2/24'
        'ip6_addr'       | 'vnet0|fd00::2/64'
        'defaultrouter'  | '192.168.7.1'
        'defaultrouter6' | 'fd00::1'
    }

    def "what does not shape the running jail still changes while it is up, as iocage allows"() {
        given:
        host.runtime.up('uxweb')

        when:
        new SetVerb(host.session()).set(['notes=live', 'boot=on', 'priority=5'], 'uxweb')

        then:
        host.config('uxweb').notes == 'live'
        host.config('uxweb').boot == 1
    }

    def "a mount is neither added, changed nor removed while the jail is up"() {
        given: 'a mount made while the jail was down'
        new FstabVerb(host.session()).add('uxweb', media.toString(), '/media', true)
        host.runtime.up('uxweb')
        byte[] before = fstab()

        when: 'added'
        new FstabVerb(host.session()).add('uxweb', media.toString(), '/other', true)

        then:
        ValidationException added = thrown()
        added.message == 'mounts of uxweb cannot change while it is up'

        when: 'changed from read-only to read-write'
        new FstabVerb(host.session()).add('uxweb', media.toString(), '/media', false)

        then:
        ValidationException changed = thrown()
        changed.message == 'mounts of uxweb cannot change while it is up'

        when: 'removed'
        new FstabVerb(host.session()).remove('uxweb', '/media')

        then:
        ValidationException removed = thrown()
        removed.message == 'mounts of uxweb cannot change while it is up'
        removed.hint() == 'stop uxweb first (stop uxweb)'
        fstab() == before
    }
}
