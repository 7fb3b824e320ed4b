package org.jailsh.zfs

import java.nio.file.Path

import org.jailsh.spi.NotFoundException
import org.jailsh.spi.RootSource
import org.jailsh.spi.ValidationException
import spock.lang.Specification

/** Jail creation, command for command as iocage.md §4.2 lists it. */
class ZfsCreateSpec extends Specification {

    ZfsHost host = new ZfsHost()
    ZfsStorageProvider zfs = new ZfsStorageProvider({ false })

    static RootSource release(RootSource.Mode mode) {
        new RootSource(mode, '13.2-RELEASE', ZfsHost.IOCROOT.resolve('releases/13.2-RELEASE/root'), false)
    }

    static RootSource template(RootSource.Mode mode) {
        new RootSource(mode, 'tmpl', ZfsHost.IOCROOT.resolve('templates/tmpl/root'), true)
    }

    def "a clone jail is a snapshot of the release and a clone of it, after one scoped discovery"() {
        given:
        host.answers()

        when:
        zfs.create(ZfsHost.jail('web'), release(RootSource.Mode.CLONE), host.ctx())

        then: 'discovery asks about pools and tank/iocage only (§1.1, §8.2), then §4.2 clone'
        host.exec.lines() == [
                'zpool list -H -o name',
                'zfs list -H -o name,mountpoint -t filesystem freenas-boot/iocage tank/iocage',
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@web',
                'zfs clone -p tank/iocage/releases/13.2-RELEASE/root@web tank/iocage/jails/web/root',
        ]
    }

    def "a thick jail is received from a temporary snapshot that is dropped afterwards"() {
        given:
        host.answers()

        when:
        zfs.create(ZfsHost.jail('db'), release(RootSource.Mode.THICK), host.ctx())

        then: '§4.2 thick: snapshot, create -p, send | receive -F, destroy both temporary snapshots'
        host.operations() == [
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@db',
                'zfs create -p tank/iocage/jails/db',
                'sh -c \'zfs send "$1" | zfs receive -F "$2"\' sh tank/iocage/releases/13.2-RELEASE/root@db tank/iocage/jails/db/root',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@db',
                'zfs destroy tank/iocage/jails/db/root@db',
        ]

        and: 'the dataset names reach the pipe as positional arguments, not inside the script'
        def pipe = host.exec.commands().find { it.argv()[0] == 'sh' }.argv()
        pipe[2] == RootCloner.SEND_RECEIVE
        pipe[4..5] == ['tank/iocage/releases/13.2-RELEASE/root@db', 'tank/iocage/jails/db/root']
    }

    def "a failed thick copy still drops the release snapshot"() {
        given:
        host.exec.answer(['sh', '-c'], 1, '', 'cannot receive: out of space')
        host.answers()

        when:
        zfs.create(ZfsHost.jail('db'), release(RootSource.Mode.THICK), host.ctx())

        then:
        thrown(org.jailsh.spi.HostCommandException)
        host.operations().last() == 'zfs destroy tank/iocage/releases/13.2-RELEASE/root@db'
        !host.operations().contains('zfs destroy tank/iocage/jails/db/root@db')
    }

    def "a jail from a template snapshots the template recursively and clones its root"() {
        given:
        host.answers()

        when:
        zfs.create(ZfsHost.jail('web'), template(RootSource.Mode.CLONE), host.ctx())

        then: '§4.2 from template'
        host.operations() == [
                'zfs snapshot -r tank/iocage/templates/tmpl@web',
                'zfs clone -p tank/iocage/templates/tmpl/root@web tank/iocage/jails/web/root',
        ]
    }

    def "a thick jail from a template snapshots only the template's root"() {
        given:
        host.answers()

        when:
        zfs.create(ZfsHost.jail('web'), template(RootSource.Mode.THICK), host.ctx())

        then: '§4.2: "thick variant snapshots only T/root@NAME and send/recv"'
        host.operations() == [
                'zfs snapshot tank/iocage/templates/tmpl/root@web',
                'zfs create -p tank/iocage/jails/web',
                'sh -c \'zfs send "$1" | zfs receive -F "$2"\' sh tank/iocage/templates/tmpl/root@web tank/iocage/jails/web/root',
                'zfs destroy tank/iocage/templates/tmpl/root@web',
                'zfs destroy tank/iocage/jails/web/root@web',
        ]
    }

    def "an empty jail is an empty root dataset"() {
        given:
        host.answers()

        when:
        zfs.create(ZfsHost.jail('blank'), RootSource.empty(), host.ctx())

        then: '§4.2 empty'
        host.operations() == ['zfs create -p tank/iocage/jails/blank/root']
    }

    def "a release that is not on the pool is refused before anything is created"() {
        given:
        host.answers()

        when:
        zfs.create(ZfsHost.jail('web'), new RootSource(RootSource.Mode.CLONE, '14.1-RELEASE',
                ZfsHost.IOCROOT.resolve('releases/14.1-RELEASE/root'), false), host.ctx())

        then:
        NotFoundException e = thrown()
        e.message == 'release 14.1-RELEASE has no dataset tank/iocage/releases/14.1-RELEASE/root'
        e.hint() == 'fetch it first (fetch -r 14.1-RELEASE)'
        host.operations().isEmpty()
    }

    def "an existing dataset of the same name is never overwritten"() {
        given:
        host.dataset('tank/iocage/jails/web', '/mnt/tank/iocage/jails/web').answers()

        when:
        zfs.create(ZfsHost.jail('web'), release(RootSource.Mode.CLONE), host.ctx())

        then:
        ValidationException e = thrown()
        e.message == 'tank/iocage/jails/web already exists'
        host.operations().isEmpty()
    }

    def "a fresh pool gets iocage's dataset tree, mounted at the state root, and is activated"() {
        given: 'nothing active, no tank/iocage yet, tank mounted at /mnt/tank'
        host.exec.answer(['zpool', 'list', '-H', '-o', 'name'], 'freenas-boot\ntank\n')
        host.exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint', '-t', 'filesystem'], 1, '',
                'dataset does not exist')
        host.exec.answer(['zfs', 'get', '-H', '-o', 'name,value', PoolResolver.ACTIVE], 'freenas-boot\t-\ntank\t-\n')
        host.exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint,origin,exec'], 1, '',
                "cannot open 'tank/iocage': dataset does not exist")
        host.exec.answer(['zfs', 'get', '-H', '-o', 'value', 'mountpoint', 'tank'], '/mnt/tank\n')

        when:
        zfs.create(ZfsHost.jail('blank'), RootSource.empty(), host.ctx())

        then: 'first non-boot pool activated (§1.1), datasets of §1.2 with their options'
        def options = '-o compression=lz4 -o aclmode=passthrough -o aclinherit=passthrough'
        host.operations() == [
                'zfs set org.freebsd.ioc:active=yes tank',
                'zfs get -H -o value mountpoint tank',
                "zfs create $options tank/iocage".toString(),
                "zfs create $options tank/iocage/download".toString(),
                "zfs create $options tank/iocage/images".toString(),
                "zfs create $options tank/iocage/jails".toString(),
                "zfs create $options tank/iocage/log".toString(),
                "zfs create $options tank/iocage/releases".toString(),
                "zfs create $options tank/iocage/templates".toString(),
                'zfs create -p tank/iocage/jails/blank/root',
        ]
        host.infos.any { it.contains('activating tank') }
    }

    def "a fresh pool whose inherited mountpoint is not the state root gets an explicit one"() {
        given:
        host.env.JAILSH_POOL = 'tank'
        host.exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint,origin,exec'], 1, '', 'dataset does not exist')
        host.exec.answer(['zfs', 'get', '-H', '-o', 'value', 'mountpoint', 'tank'], '/tank\n')

        when:
        zfs.create(ZfsHost.jail('blank'), RootSource.empty(), host.ctx())

        then:
        host.exec.lines()[2] == 'zfs create -o compression=lz4 -o aclmode=passthrough -o aclinherit=passthrough ' +
                '-o mountpoint=/mnt/tank/iocage tank/iocage'
    }

    def "a dataset with exec=off stops everything, as iocage's check does"() {
        given:
        host.dataset('tank/iocage/jails', '/mnt/tank/iocage/jails', '-', 'off').answers()

        when:
        zfs.create(ZfsHost.jail('web'), release(RootSource.Mode.CLONE), host.ctx())

        then:
        org.jailsh.spi.JailshException e = thrown()
        e.message == 'Dataset "jails" has exec=off (should be on)'
        e.hint() == 'zfs set exec=on tank/iocage/jails'
    }

    def "fetching a release first makes its download and root datasets"() {
        given:
        host.answers()

        when:
        zfs.prepareRelease(ZfsHost.IOCROOT.resolve('download/14.1-RELEASE'),
                ZfsHost.IOCROOT.resolve('releases/14.1-RELEASE/root'), host.ctx())

        then: '§4.1 steps 3 and 5'
        host.operations() == [
                'zfs create -o compression=lz4 tank/iocage/download/14.1-RELEASE',
                'zfs create -p -o compression=lz4 tank/iocage/releases/14.1-RELEASE/root',
        ]
    }

    def "jail and release names that are not dataset components are refused"() {
        given:
        host.answers()

        when:
        zfs.create(ZfsHost.jail(name), release(RootSource.Mode.CLONE), host.ctx())

        then:
        thrown(ValidationException)
        host.operations().isEmpty()

        where:
        name << ['-rf', 'a b', 'web@x']
    }

    def "a dry run shows the commands with the pool named after the state root"() {
        given:
        def dry = new org.jailsh.spi.exec.DryRunHostExec()
        def ctx = new org.jailsh.spi.ProviderContext(dry, new org.jailsh.spi.HostFacts(
                org.jailsh.spi.Platform.FREEBSD, true, ZfsHost.IOCROOT, [:]), org.jailsh.spi.Reporter.SILENT)

        when:
        zfs.create(ZfsHost.jail('web'), release(RootSource.Mode.CLONE), ctx)

        then:
        dry.lines().takeRight(2) == [
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@web',
                'zfs clone -p tank/iocage/releases/13.2-RELEASE/root@web tank/iocage/jails/web/root',
        ]
    }
}
