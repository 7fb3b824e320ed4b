package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.testing.TestHost
import spock.lang.Specification
import spock.lang.TempDir

class ListVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
        host.plantFixture('web_1', 'thin-config.json')
        host.writeJail('db', [host_hostuuid: 'db', release: '13.2-RELEASE-p4', dhcp: 1, vnet: 1, bpf: 1, boot: 1])
        Path broken = Files.createDirectories(host.jailDir('broken'))
        Files.writeString(broken.resolve('config.json'), '{ not json')
    }

    def "list shows every jail with iocage's columns; a corrupt one is CORRUPT with N/A values"() {
        given:
        host.runtime.up('web_1', '12')

        when:
        def rows = new ListVerb(host.session()).list(false)

        then:
        rows*.name() == ['broken', 'db', 'web_1']
        with(rows[0]) {
            state() == 'CORRUPT'
            release() == 'N/A'
            ip4() == 'N/A'
            problem().contains('invalid JSON')
        }
        with(rows[1]) {
            state() == 'down'
            jid() == '-'
            ip4() == 'DHCP'
            boot() == 'on'
            release() == '13.2-RELEASE-p4'
            shortRelease() == '13.2-RELEASE'
        }
        with(rows[2]) {
            state() == 'up'
            jid() == '12'
            ip4() == 'vnet0|192.168.1.10/24'
            JailInfo.bareAddresses(ip4()) == '192.168.1.10'
            template() == '-'
            basejail() == 'off'
            problem() == null
        }
    }

    def "a runtime that fails to read a state warns and shows the jail down, never failing list"() {
        given:
        def session = host.session()
        host.runtime.failState = new IllegalStateException('jls failed')

        when:
        def rows = new ListVerb(session).list(false)

        then:
        rows.find { it.name() == 'web_1' }.state() == 'down'
        host.reporter.warnings.any { it == 'web_1: cannot read its state: jls failed' }
    }

    def "the JSON form of a row keeps iocage's column order"() {
        when:
        def row = new ListVerb(host.session()).list(false).find { it.name() == 'db' }

        then:
        row.toMap(false).keySet().toList() == ['jid', 'name', 'state', 'release', 'ip4']
        row.toMap(true).keySet().toList() == ['jid', 'name', 'boot', 'state', 'type', 'release', 'ip4', 'ip6',
                                              'template', 'basejail']
        row.toMap(false).jid == null
    }

    def "a dry run on a host whose runtime works reads the real states (asking changes nothing)"() {
        given:
        host.runtime.up('web_1')

        expect:
        new ListVerb(host.dryRun()).list(false).find { it.name() == 'web_1' }.state() == 'up'
    }
}
