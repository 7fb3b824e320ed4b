package org.jailsh.store

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.NotFoundException
import org.jailsh.spi.ValidationException
import org.jailsh.testing.RecordingReporter
import org.jailsh.testing.SafeLinks
import spock.lang.Specification
import spock.lang.TempDir

class JailStoreSpec extends Specification {

    @TempDir
    Path tmp

    RecordingReporter reporter = new RecordingReporter()
    JailStore store

    def setup() {
        store = new JailStore(new IocRoot(tmp), reporter)
    }

    Path plantFixture(String fixture, String name, String kind = 'jails') {
        Path dir = tmp.resolve(kind).resolve(name)
        Files.createDirectories(dir.resolve('root'))
        Files.copy(getClass().getResourceAsStream("/fixtures/iocage/${fixture}"), dir.resolve('config.json'))
        dir
    }


    /** Links are removed without being followed before @TempDir cleanup, which would follow them. */
    def cleanup() {
        SafeLinks.removeAll(tmp)
    }

    def "a thin config written by iocage 1.2 loads with its own values over the defaults"() {
        given:
        plantFixture('thin-config.json', 'web_1')

        when:
        StoredJail jail = store.load('web_1')
        def effective = jail.effective()

        then: 'the jail is readable and thin'
        !jail.isCorrupt()
        !jail.thick()
        !jail.template()

        and: 'its own values'
        effective.release == '13.2-RELEASE-p4'
        effective.cloned_release == '13.2-RELEASE'
        effective.host_hostname == 'web-1'
        effective.host_hostuuid == 'web_1'
        effective.jail_zfs_dataset == 'iocage/jails/web_1/data'
        effective.ip4_addr == 'vnet0|192.168.1.10/24'
        effective.defaultrouter == '192.168.1.1'
        effective.vnet == 1
        effective.boot == 1
        effective.priority == '10'

        and: 'defaults beneath, with iocage types'
        effective.interfaces == 'vnet0:bridge0'
        effective.bpf == 0
        effective.exec_start == '/bin/sh /etc/rc'
        effective.securelevel == '2'
        effective.allow_mount_linprocfs == 0

        and: 'keys this version does not know are still there'
        effective.allow_nfsd == 0

        and: 'the provider view agrees'
        jail.ref().flag('vnet')
        jail.ref().property('release') == '13.2-RELEASE-p4'
        jail.ref().hostName() == 'ioc-web_1'
    }

    def "a THICK config uses its own values only, with legacy yes/no strings read as 0/1"() {
        given:
        plantFixture('thick-config.json', 'db')
        byte[] before = Files.readAllBytes(tmp.resolve('jails/db/config.json'))

        when:
        StoredJail jail = store.load('db')
        def effective = jail.effective()

        then:
        jail.thick()
        effective.CONFIG_TYPE == 'THICK'
        effective.dhcp == 1
        effective.bpf == 1
        effective.ip4_addr == 'vnet0|DHCP'
        effective.priority == '20'
        effective.host_time == 1
        effective.allow_raw_sockets == 1
        effective.hostid == null
        !effective.containsKey('cloned_release')

        and: 'loading never rewrites the file'
        Files.readAllBytes(tmp.resolve('jails/db/config.json')) == before
    }

    def "a THICK config older than allow_mount_linprocfs still yields the built-in default for it"() {
        given: 'the fixture is a v29 thick config written before the key was added'
        plantFixture('thick-config.json', 'db')

        expect:
        store.load('db').effective().allow_mount_linprocfs == 0
    }

    def "what jailsh writes for a real config is what iocage would write: same bytes after a round trip"() {
        given:
        Path dir = plantFixture(fixture, 'j')
        String original = Files.readString(dir.resolve('config.json'))

        when:
        store.writeConfig(dir, store.load('j').own())

        then:
        Files.readString(dir.resolve('config.json')) == original

        where:
        fixture << ['thin-config.json', 'thick-config.json']
    }

    def "unknown keys survive a rewrite of the config"() {
        given:
        Path dir = plantFixture('thin-config.json', 'web_1')
        def own = new TreeMap<String, Object>(store.load('web_1').own())
        own.notes = 'changed'

        when:
        store.writeConfig(dir, own)
        def reread = store.load('web_1').own()

        then:
        reread.allow_nfsd == 0
        reread.notes == 'changed'
        reread.vnet0_mac == '02ff60aa0001 02ff60aa0002'
    }

    def "a corrupt config.json shows that jail as corrupt in list; the others load normally"() {
        given:
        plantFixture('thin-config.json', 'web_1')
        plantFixture('thick-config.json', 'db')
        Path broken = tmp.resolve('jails/broken')
        Files.createDirectories(broken)
        Files.writeString(broken.resolve('config.json'), '{"release": "13.2-RELEASE",')

        when:
        def all = store.list()

        then:
        all*.name() == ['broken', 'db', 'web_1']
        def bad = all.find { it.name() == 'broken' }
        bad.isCorrupt()
        bad.corrupt().contains('invalid JSON')
        bad.own().isEmpty()
        bad.ref().properties().isEmpty()
        all.findAll { it.name() != 'broken' }.every { !it.isCorrupt() }
        all.find { it.name() == 'db' }.effective().dhcp == 1
    }

    def "a jail directory without config.json is listed as corrupt, saying the file is missing"() {
        given:
        Files.createDirectories(tmp.resolve('jails/empty'))

        expect:
        store.list()[0].corrupt() == 'config.json is missing'
    }

    def "list contains templates, marked as such"() {
        given:
        plantFixture('thin-config.json', 'tmpl', 'templates')
        plantFixture('thin-config.json', 'web_1')

        expect:
        store.list().collectEntries { [it.name(), it.template()] } == [tmpl: true, web_1: false]
        store.load('tmpl').dir() == tmp.resolve('templates/tmpl')
    }

    def "writeConfig copies the previous config.json to config_backup.json before changing it"() {
        given:
        Path dir = tmp.resolve('jails/web')
        Files.createDirectories(dir)
        store.writeConfig(dir, [notes: 'first'])
        String first = Files.readString(dir.resolve('config.json'))

        expect: 'no backup while there was nothing to back up'
        !Files.exists(dir.resolve('config_backup.json'))

        when:
        store.writeConfig(dir, [notes: 'second'])

        then:
        Files.readString(dir.resolve('config_backup.json')) == first
        IocageJson.read(dir.resolve('config.json')).notes == 'second'
    }

    def "atomic writes leave no temporary files behind"() {
        given:
        Path dir = tmp.resolve('jails/web')
        Files.createDirectories(dir)

        when:
        3.times { store.writeConfig(dir, [notes: "n$it".toString()]) }
        store.ensureLayout()
        store.writeDefaults(store.defaults() + [notes: 'x'])

        then:
        Files.list(dir).withCloseable { it.map { it.fileName.toString() }.sorted().toList() } ==
                ['config.json', 'config_backup.json']
        Files.list(tmp).withCloseable { s -> s.filter { it.fileName.toString().endsWith('.tmp') }.count() } == 0
        Files.exists(tmp.resolve('defaults_backup.json'))
    }

    def "find never follows a symlinked jail directory or a name that walks out of jails/"() {
        given:
        Path outside = Files.createDirectories(tmp.resolve('elsewhere/evil'))
        Files.writeString(outside.resolve('config.json'), '{}')
        Files.createDirectories(tmp.resolve('jails'))
        SafeLinks.link(tmp, tmp.resolve('jails/link'), outside)

        expect:
        store.find('link').isEmpty()
        store.find('../elsewhere/evil').isEmpty()
        store.find('..').isEmpty()
    }

    def "load of a missing jail is a NotFoundException"() {
        when:
        store.load('nope')

        then:
        NotFoundException e = thrown()
        e.message == 'no jail named nope'
    }

    def "a new name may not exist already nor collide through '.' and '_'"() {
        given:
        plantFixture('thin-config.json', existing)

        when:
        store.checkNewName(wanted)

        then:
        ValidationException e = thrown()
        e.message.contains(message)

        where:
        existing  | wanted    | message
        'web'     | 'web'     | 'a jail named web already exists'
        'foo.bar' | 'foo_bar' | 'foo_bar collides with the jail foo.bar'
        'foo_bar' | 'foo.bar' | 'foo.bar collides with the jail foo_bar'
    }

    def "a name that only shares a prefix with an existing jail is fine"() {
        given:
        plantFixture('thin-config.json', 'web')

        when:
        store.checkNewName('web2')

        then:
        noExceptionThrown()
    }

    def "releases lists fetched releases: directories that have a root"() {
        given:
        Files.createDirectories(tmp.resolve('releases/13.2-RELEASE/root'))
        Files.createDirectories(tmp.resolve('releases/busybox/root'))
        Files.createDirectories(tmp.resolve('releases/half-fetched'))

        expect:
        store.releases() == ['13.2-RELEASE', 'busybox']
    }
}
