package org.jailsh.store

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.model.IocageProperties
import org.jailsh.testing.RecordingReporter
import spock.lang.Specification
import spock.lang.TempDir

class DefaultsFileSpec extends Specification {

    @TempDir
    Path tmp

    RecordingReporter reporter = new RecordingReporter()

    JailStore store() {
        new JailStore(new IocRoot(tmp), reporter)
    }

    def "a missing defaults.json is created by ensureLayout with every built-in key, and the user is told"() {
        when:
        store().ensureLayout()

        then:
        Path file = tmp.resolve('defaults.json')
        Files.exists(file)
        def written = IocageJson.read(file)
        def expectedKeys = IocageProperties.all().values().findAll { !it.jailOnly() }*.name() as Set
        written.keySet() == expectedKeys
        written.CONFIG_VERSION == '29'
        written.interfaces == 'vnet0:bridge0'
        written.vnet == 0
        written.allow_mount_linprocfs == 0
        written.mac_prefix ==~ /[0-9a-f][26ae][0-9a-f]{4}/
        written.containsKey('hostid')
        !written.containsKey('host_hostname')
        !written.containsKey('release')
        reporter.infos.any { it.contains('Default configuration missing') && it.contains(file.toString()) }

        and: 'the iocage layout is there too'
        ['download', 'images', 'jails', 'log', 'releases', 'templates'].every { Files.isDirectory(tmp.resolve(it)) }
    }

    def "read-only use never creates defaults.json"() {
        when:
        def defaults = store().defaults()

        then:
        defaults.interfaces == 'vnet0:bridge0'
        !Files.exists(tmp.resolve('defaults.json'))
    }

    def "a corrupt defaults.json gives a warning naming the file, built-ins are used, and the file is left alone"() {
        given:
        Path file = tmp.resolve('defaults.json')
        byte[] corrupt = '{"vnet": 1, "interfaces": '.bytes
        Files.write(file, corrupt)
        def store = store()

        when:
        store.ensureLayout()
        def defaults = store.defaults()

        then:
        reporter.warnings.size() == 1
        reporter.warnings[0].contains(file.toString())
        reporter.warnings[0].contains('corrupt')
        reporter.warnings[0].contains('built-in defaults')

        and: 'built-in values, not the half-written ones'
        defaults.vnet == 0
        defaults.interfaces == 'vnet0:bridge0'
        defaults.priority == '99'

        and:
        Files.readAllBytes(file) == corrupt
    }

    def "a defaults.json written before allow_mount_linprocfs existed still yields it from the built-ins"() {
        given: 'an older file without the key, and with a changed default'
        def old = IocageProperties.builtInDefaults('02ff60', null)
        old.remove('allow_mount_linprocfs')
        old.interfaces = 'vnet0:bridge1'
        IocageJson.write(tmp.resolve('defaults.json'), old)
        byte[] before = Files.readAllBytes(tmp.resolve('defaults.json'))

        when:
        def store = store()
        store.ensureLayout()

        then:
        store.defaults().allow_mount_linprocfs == 0
        store.defaults().interfaces == 'vnet0:bridge1'
        reporter.warnings.isEmpty()

        and: 'merging happens in memory; the file is not rewritten'
        Files.readAllBytes(tmp.resolve('defaults.json')) == before
    }

    def "new mac prefixes are locally administered unicast"() {
        expect:
        (1..50).every { DefaultsFile.newMacPrefix() ==~ /[0-9a-f][26ae][0-9a-f]{4}/ }
    }
}
