package org.jailsh.verbs

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.api.JailshOptions
import org.jailsh.api.Session
import org.jailsh.model.JailType
import org.jailsh.registry.ProviderRegistry
import org.jailsh.spi.HostFacts
import org.jailsh.spi.MountEntry
import org.jailsh.spi.Platform
import org.jailsh.spi.ValidationException
import org.jailsh.store.IocageJson
import org.jailsh.testing.FakePlugin
import org.jailsh.testing.FakeStorage
import org.jailsh.testing.TestHost
import org.jailsh.testing.SafeLinks
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

class CreateVerbSpec extends Specification {

    @TempDir
    Path tmp

    TestHost host

    def setup() {
        host = new TestHost(tmp)
    }

    CreateRequest request(String name, Map<String, String> properties = [:], JailType type = JailType.CLONE,
                          boolean thickConfig = false, List<MountEntry> mounts = []) {
        new CreateRequest(name, 'busybox', null, type, thickConfig, properties, mounts)
    }


    /** Links are removed without being followed before @TempDir cleanup, which would follow them. */
    def cleanup() {
        SafeLinks.removeAll(tmp)
    }

    def "create writes a thin config with iocage's jail-only keys and nothing else"() {
        when:
        def outcome = new CreateVerb(host.session()).create(request('media_server'))

        then:
        outcome.summary() == 'media_server: created'
        !outcome.dryRun()
        host.config('media_server') == [
                host_hostname   : 'media-server',
                host_hostuuid   : 'media_server',
                release         : 'busybox',
                cloned_release  : 'busybox',
                jail_zfs_dataset: 'iocage/jails/media_server/data',
                type            : 'jail']

        and: 'the file itself is in iocage format, without CONFIG_VERSION (thin)'
        String text = Files.readString(host.jailDir('media_server').resolve('config.json'))
        text.startsWith('{\n    "cloned_release": "busybox",\n')
        !text.contains('CONFIG_VERSION')
        !text.endsWith('\n')

        and: 'an empty fstab, a root made by the storage provider, a fetched release, defaults.json'
        Files.readString(host.jailDir('media_server').resolve('fstab')) == ''
        Files.isDirectory(host.jailDir('media_server').resolve('root'))
        host.storage.calls == ['create media_server CLONE busybox']
        host.release.calls == ['fetch busybox']
        Files.exists(tmp.resolve('defaults.json'))
    }

    def "the steps say what was done: fetch, storage, config, fstab"() {
        when:
        def outcome = new CreateVerb(host.session()).create(request('web'))

        then:
        outcome.steps()*.mark() == ['+', '+', '+', '+']
        outcome.steps()*.title() == ['fetch release busybox (fake-release)', 'create web (clone of busybox)',
                                     'write config.json', 'write fstab (empty)']
    }

    def "a release already fetched is not fetched again"() {
        given:
        Files.createDirectories(tmp.resolve('releases/busybox/root'))

        when:
        new CreateVerb(host.session()).create(request('web'))

        then:
        host.release.calls.isEmpty()
    }

    def "given properties are validated, stored with iocage types, and implied ones noted"() {
        when:
        def outcome = new CreateVerb(host.session()).create(request('web', [dhcp: 'yes', notes: 'front end',
                                                                           priority: '10']))

        then:
        def config = host.config('web')
        config.dhcp == 1
        config.vnet == 1
        config.bpf == 1
        config.notes == 'front end'
        config.priority == '10'
        outcome.notices() == ['vnet set to on because dhcp needs it', 'bpf set to on because dhcp needs it']
    }

    def "a property equal to its default is not written into the thin config"() {
        when:
        new CreateVerb(host.session()).create(request('web', [vnet: 'off', priority: '99']))

        then:
        !host.config('web').containsKey('vnet')
        !host.config('web').containsKey('priority')
    }

    def "an unknown property fails before anything is made, naming the nearest property"() {
        when:
        new CreateVerb(host.session()).create(request('web', [vnett: 'on']))

        then:
        ValidationException e = thrown()
        e.message == "'vnett' is not a valid property"
        e.hint().contains('vnet')
        !Files.exists(host.jailDir('web'))
        host.storage.calls.isEmpty()
        host.release.calls.isEmpty()
    }

    def "#label fails before anything is made"() {
        when:
        new CreateVerb(host.session()).create(request('web', properties))

        then:
        ValidationException e = thrown()
        e.message.contains(message)
        !Files.exists(host.jailDir('web'))

        where:
        label                  | properties                 | message
        'a bad value'          | [ip4_addr: 'vnet0|1.2.3']  | "is not an IPv4 address"
        'a rule broken'        | [nat: 'on']                | 'web: nat needs vnet'
        'a read-only property' | [release: '14.0-RELEASE']  | 'web: release cannot be changed by the user'
        'template at create'   | [template: 'yes']          | 'web: template cannot be set at create'
        'a defaults-only one'  | [nat_prefix: '10.1']       | 'web: nat_prefix can only be set for all jails'
    }

    def "a name that is invalid, taken or colliding is refused"() {
        given:
        host.create('foo.bar')

        when:
        new CreateVerb(host.session()).create(request(name))

        then:
        ValidationException e = thrown()
        e.message.contains(message)

        where:
        name      | message
        'foo.bar' | 'a jail named foo.bar already exists'
        'foo_bar' | 'foo_bar collides with the jail foo.bar'
        '../etc'  | 'has characters other than'
        'default' | 'is reserved'
    }

    def "when storage fails part-way, the undo leaves no jail directory behind"() {
        given:
        host.storage.failCreate = new IllegalStateException('disk full')

        when:
        new CreateVerb(host.session()).create(request('web'))

        then:
        IllegalStateException e = thrown()
        e.message == 'disk full'
        host.storage.calls == ['create web CLONE busybox', 'destroy web']
        !Files.exists(host.jailDir('web'))
        host.session().store().list().isEmpty()

        and: 'the failure is in the log'
        Files.readString(tmp.resolve('log/jailsh.log')).contains('(ERROR) web: create web (clone of busybox) failed: disk full')
    }

    def "a thick config (-C) holds the full property set and CONFIG_TYPE THICK"() {
        when:
        new CreateVerb(host.session()).create(request('web', [vnet: 'on'], JailType.CLONE, true))

        then:
        def config = host.config('web')
        config.CONFIG_TYPE == 'THICK'
        config.vnet == 1
        config.interfaces == 'vnet0:bridge0'
        config.priority == '99'
        config.host_hostname == 'web'
        config.keySet().containsAll(IocageProperties_keysWithoutJailOnly())
        host.session().store().load('web').thick()
    }

    static Set<String> IocageProperties_keysWithoutJailOnly() {
        org.jailsh.model.IocageProperties.all().values().findAll { !it.jailOnly() }*.name() as Set
    }

    def "a thick jail (-T) records no cloned_release and asks storage for a THICK copy"() {
        when:
        new CreateVerb(host.session()).create(request('web', [:], JailType.THICK))

        then:
        !host.config('web').containsKey('cloned_release')
        host.config('web').release == 'busybox'
        host.storage.calls == ['create web THICK busybox']
    }

    def "an empty jail (-e) needs no release and fetches nothing"() {
        when:
        new CreateVerb(host.session()).create(new CreateRequest('e', null, null, JailType.EMPTY, false, [:], []))

        then:
        host.config('e').release == 'EMPTY'
        host.config('e').cloned_release == 'EMPTY'
        host.storage.calls == ['create e EMPTY EMPTY']
        host.release.calls.isEmpty()
    }

    def "a clone without a release is refused with the ways to give one"() {
        when:
        new CreateVerb(host.session()).create(new CreateRequest('web', null, null, JailType.CLONE, false, [:], []))

        then:
        ValidationException e = thrown()
        e.message == 'web: a release is required'
        e.hint().contains('-r RELEASE')
    }

    def "a basejail mounts the release's system directories read-only, skipping symlinks of merged /usr"() {
        given:
        Path release = Files.createDirectories(tmp.resolve('releases/busybox/root'))
        Files.createDirectories(release.resolve('usr'))
        Files.createDirectories(release.resolve('bin'))
        SafeLinks.link(tmp, release.resolve('lib'), Path.of('usr/lib'))

        when:
        new CreateVerb(host.session()).create(request('base', [:], JailType.BASEJAIL))

        then:
        host.config('base').basejail == 1
        def mounts = host.session().store().fstab(host.session().store().load('base')).entries()
        mounts == [new MountEntry(release.resolve('bin').toString(), '/bin', 'nullfs', 'ro'),
                   new MountEntry(release.resolve('usr').toString(), '/usr', 'nullfs', 'ro')]
    }

    def "mounts given at create go into the fstab, and a missing source directory is made"() {
        given:
        Path source = tmp.resolve('host/media')

        when:
        new CreateVerb(host.session()).create(request('web', [:], JailType.CLONE, false,
                [new MountEntry(source.toString(), '/media', 'nullfs', 'ro')]))

        then:
        Files.isDirectory(source)
        host.session().store().fstab(host.session().store().load('web')).entries() ==
                [new MountEntry(source.toString(), '/media', 'nullfs', 'ro')]
        Files.readString(host.jailDir('web').resolve('fstab')).startsWith(
                "${source}\t${host.jailDir('web').resolve('root')}/media\tnullfs\tro\t0\t0")
    }

    def "a dry run of create changes nothing on disk and lists what it would run"() {
        given:
        def before = host.tree()

        when:
        def outcome = new CreateVerb(host.dryRun()).create(request('web', [vnet: 'on']))

        then:
        host.tree() == before
        outcome.dryRun()
        outcome.summary() == 'web: plan only, nothing changed'
        outcome.steps()[0].commands() == ['fake-fetch busybox']
        outcome.steps()[1].commands() == ["mkdir -p ${host.jailDir('web').resolve('root')}".toString()]
        outcome.steps()[2].commands().size() == 1
        outcome.steps()[2].commands()[0].startsWith("write ${host.jailDir('web').resolve('config.json')} {")
        outcome.steps()[2].commands()[0].contains('"vnet": 1')
    }

    def "on FreeBSD a basejail is a thick copy under its nullfs mounts, as iocage's -b (no clone of the release)"() {
        given:
        def storage = new FakeStorage('fake-zfs', 0, [Platform.FREEBSD] as Set)
        def plugin = new FakePlugin()
        plugin.storage = [storage]
        def facts = new HostFacts(Platform.FREEBSD, true, tmp, [:])
        def options = new JailshOptions(tmp, Platform.FREEBSD, false, [], [:], host.reporter, [:])
        def session = new Session(options, facts, new ProviderRegistry([plugin], [], facts, [:], false),
                new RecordingHostExec())
        Path release = Files.createDirectories(tmp.resolve('releases/13.2-RELEASE/root'))

        when:
        new CreateVerb(session).create(new CreateRequest('bj', '13.2-RELEASE', null, JailType.BASEJAIL, false, [:], []))

        then:
        storage.calls == ['create bj THICK 13.2-RELEASE']
        host.config('bj').basejail == 1
        def mounts = session.store().fstab(session.store().load('bj')).entries()
        mounts*.destination() == CreateVerb.FREEBSD_BASE_DIRS.collect { '/' + it }
        mounts[0] == new MountEntry(release.resolve('bin').toString(), '/bin', 'nullfs', 'ro')
    }
}
