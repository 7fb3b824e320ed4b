package org.jailsh.zfs

import java.nio.file.Path

import org.jailsh.spi.NotFoundException
import org.jailsh.spi.ValidationException
import spock.lang.Specification

/** Snapshots, rollback, templates and activation (iocage.md §4.12, §6, §1.1). */
class ZfsSnapshotSpec extends Specification {

    ZfsHost host = new ZfsHost()
    ZfsStorageProvider zfs = new ZfsStorageProvider({ false })

    def "a snapshot covers the jail dataset recursively"() {
        given:
        host.answers()

        when:
        zfs.snapshot(ZfsHost.jail('web'), 'before-upgrade', host.ctx())

        then: '§4.12 snapshot'
        host.operations() == ['zfs snapshot -r tank/iocage/jails/web@before-upgrade']
    }

    def "snapshots are read from the jail dataset alone, not from look-alike names"() {
        given:
        host.exec.answer(['zfs', 'list', '-H', '-t', 'snapshot'],
                'tank/iocage/jails/web@one\ntank/iocage/jails/web@two\ntank/iocage/jails/web2@three\n')
        host.answers()

        when:
        def snapshots = zfs.snapshots(ZfsHost.jail('web'), host.ctx())

        then:
        snapshots == ['one', 'two']
        host.operations() == ['zfs list -H -t snapshot -o name -r -d 1 tank/iocage/jails/web']
    }

    def "a jail without its dataset has no snapshots"() {
        given:
        host.exec.answer(['zfs', 'list', '-H', '-t', 'snapshot'], 1, '', 'dataset does not exist')
        host.answers()

        expect:
        zfs.snapshots(ZfsHost.jail('ghost'), host.ctx()) == []
    }

    def "rollback rolls back every filesystem of the jail that has the snapshot, deepest first"() {
        given:
        host.exec.answer(['zfs', 'list', '-H', '-t', 'snapshot'], '''\
tank/iocage/jails/web@s1
tank/iocage/jails/web@s2
tank/iocage/jails/web/root@s1
tank/iocage/jails/web/root/data@s1
tank/iocage/jails/web/root@s2
''')
        host.answers()

        when:
        zfs.rollback(ZfsHost.jail('web'), 's1', host.ctx())

        then: '§4.12 rollback: every filesystem under the jail, then the parent'
        host.operations() == [
                'zfs list -H -t snapshot -o name -r tank/iocage/jails/web',
                'zfs rollback -r tank/iocage/jails/web/root/data@s1',
                'zfs rollback -r tank/iocage/jails/web/root@s1',
                'zfs rollback -r tank/iocage/jails/web@s1',
        ]
    }

    def "rollback to a snapshot that does not exist is refused"() {
        given:
        host.exec.answer(['zfs', 'list', '-H', '-t', 'snapshot'], 'tank/iocage/jails/web2@s1\n')
        host.answers()

        when:
        zfs.rollback(ZfsHost.jail('web'), 's1', host.ctx())

        then:
        NotFoundException e = thrown()
        e.message == 'web has no snapshot named s1'
        host.operations().every { !it.startsWith('zfs rollback') }
    }

    def "snapshot names that are not dataset components are refused"() {
        when:
        zfs.snapshot(ZfsHost.jail('web'), name, host.ctx())

        then:
        thrown(ValidationException)
        host.exec.lines().isEmpty()

        where:
        name << ['-r', 'a/b', 'x@y', '']
    }

    def "making a template renames the dataset and makes it read-only; back again makes it writable"() {
        given:
        host.answers()

        when:
        zfs.setTemplate(ZfsHost.jail('base', 'templates'), true, host.ctx())
        zfs.setTemplate(ZfsHost.jail('base', 'jails'), false, host.ctx())

        then: '§6: zfs rename -f, readonly=on / off'
        host.operations() == [
                'zfs rename -f tank/iocage/jails/base tank/iocage/templates/base',
                'zfs set readonly=on tank/iocage/templates/base',
                'zfs rename -f tank/iocage/templates/base tank/iocage/jails/base',
                'zfs set readonly=off tank/iocage/jails/base',
        ]
        zfs.movesTemplates()
    }

    def "setTemplate with a directory of the wrong kind is a caller bug, not a rename"() {
        given:
        host.answers()

        when:
        zfs.setTemplate(ZfsHost.jail('base', 'jails'), true, host.ctx())

        then:
        thrown(ValidationException)
        host.operations().isEmpty()
    }

    def "activate marks the pool and unmarks the one active before"() {
        given:
        host.exec.answer(['zfs', 'get', '-H', '-o', 'name,value', PoolResolver.ACTIVE],
                'freenas-boot\t-\ntank\tyes\ndata\t-\n')
        host.exec.answer(['zpool', 'list', '-H', '-o', 'name'], 'freenas-boot\ntank\ndata\n')
        host.exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint,origin,exec', '-r', '-t', 'filesystem',
                          'data/iocage'], 1, '', "cannot open 'data/iocage': dataset does not exist")
        host.exec.answer(['zfs', 'get', '-H', '-o', 'value', 'mountpoint', 'data'], '/mnt/data\n')
        host.answers()

        when:
        zfs.activate('data', new org.jailsh.spi.ProviderContext(host.exec, new org.jailsh.spi.HostFacts(
                org.jailsh.spi.Platform.FREEBSD, true, Path.of('/mnt/data/iocage'), [:]),
                org.jailsh.spi.Reporter.SILENT))

        then: '§1.1: health ONLINE, active=yes on it, no on the other; then the §1.2 datasets'
        host.exec.lines().take(6) == [
                'zpool list -H -o health data',
                'zpool list -H -o name',
                'zfs get -H -o name,value org.freebsd.ioc:active freenas-boot tank data',
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem data/iocage',
                'zfs set org.freebsd.ioc:active=yes data',
                'zfs set org.freebsd.ioc:active=no tank',
        ]
        host.exec.lines()[6] == 'zfs get -H -o value mountpoint data'
        host.exec.lines()[7].endsWith(' data/iocage')
        !host.exec.lines()[7].contains('mountpoint=')
        host.exec.lines().size() == 14
    }

    def "a pool that is not ONLINE cannot be activated"() {
        given:
        host.exec.answer(['zpool', 'list', '-H', '-o', 'health'], 'DEGRADED\n')

        when:
        zfs.activate('tank', host.ctx())

        then:
        ValidationException e = thrown()
        e.message == 'pool tank is DEGRADED, not ONLINE'
        host.exec.lines() == ['zpool list -H -o health tank']
    }
}
