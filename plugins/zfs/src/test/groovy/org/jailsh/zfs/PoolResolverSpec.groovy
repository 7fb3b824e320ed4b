package org.jailsh.zfs

import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.spi.ValidationException
import spock.lang.Specification

/** Which pool a state root lives on (iocage.md §1.1), asked once and cached. */
class PoolResolverSpec extends Specification {

    ZfsHost host = new ZfsHost()
    PoolResolver resolver = new PoolResolver()

    def "JAILSH_POOL names the pool without asking zfs"() {
        given:
        host.env.JAILSH_POOL = 'tank'

        expect:
        resolver.pool(ZfsHost.IOCROOT, host.ctx()) == 'tank'
        host.exec.lines().isEmpty()
    }

    def "the pool whose iocage dataset is mounted at the state root is chosen, and remembered"() {
        given:
        host.answers()

        when:
        def first = resolver.pool(ZfsHost.IOCROOT, host.ctx())
        def second = resolver.pool(ZfsHost.IOCROOT, host.ctx())

        then:
        first == 'tank'
        second == 'tank'
        host.exec.lines() == [
                'zpool list -H -o name',
                'zfs list -H -o name,mountpoint -t filesystem freenas-boot/iocage tank/iocage',
        ]
    }

    def "without a mounted iocage dataset the active pool is used, else the first that is not a boot pool"() {
        given:
        host.exec.answer(['zpool', 'list', '-H', '-o', 'name'], 'boot-pool\n' + pools.join('\n'))
        host.exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint', '-t', 'filesystem'], 1, '', 'does not exist')
        host.exec.answer(['zfs', 'get', '-H', '-o', 'name,value', PoolResolver.ACTIVE],
                pools.collect { "$it\t${it == active ? 'yes' : '-'}" }.join('\n'))

        when:
        def resolution = resolver.resolve(ZfsHost.IOCROOT, host.ctx())

        then:
        resolution.pool() == expected
        resolution.how() == how

        where:
        pools              | active | expected | how
        ['tank', 'data']   | 'data' | 'data'   | PoolResolver.How.ACTIVE
        ['tank', 'data']   | null   | 'tank'   | PoolResolver.How.FIRST
    }

    def "two active pools are an error, as in iocage"() {
        given:
        host.exec.answer(['zpool', 'list', '-H', '-o', 'name'], 'tank\ndata\n')
        host.exec.answer(['zfs', 'get', '-H', '-o', 'name,value', PoolResolver.ACTIVE], 'tank\tyes\ndata\tyes\n')

        when:
        resolver.pool(ZfsHost.IOCROOT, host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'you have 2 pools marked active for iocage: tank, data'
    }

    def "an active pool whose iocage dataset is mounted elsewhere says how to point jailsh at it"() {
        given:
        host.exec.answer(['zpool', 'list', '-H', '-o', 'name'], 'tank\n')
        host.exec.answer(['zfs', 'list', '-H', '-o', 'name,mountpoint', '-t', 'filesystem'], 'tank/iocage\t/iocage\n')
        host.exec.answer(['zfs', 'get', '-H', '-o', 'name,value', PoolResolver.ACTIVE], 'tank\tyes\n')

        when:
        resolver.pool(ZfsHost.IOCROOT, host.ctx())

        then:
        ValidationException e = thrown()
        e.message == "tank/iocage is mounted at /iocage, but jailsh's state root is /mnt/tank/iocage"
        e.hint().startsWith('run jailsh with JAILSH_ROOT=/iocage')
    }

    def "no pools at all is an error outside a dry run"() {
        when:
        resolver.pool(ZfsHost.IOCROOT, host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'no ZFS pool found (zpool list shows none)'
    }

    def "a dry run names the pool after the state root where the layout tells it"() {
        expect:
        PoolResolver.guess(Path.of(root)) == pool

        where:
        root                      | pool
        '/mnt/tank/iocage'        | 'tank'
        '/tank/iocage'            | 'tank'
        '/var/lib/jailsh/iocage'  | 'POOL'
        '/iocage'                 | 'POOL'
    }

    def "a bad JAILSH_POOL is refused"() {
        given:
        host.env.JAILSH_POOL = '-o readonly=on'

        when:
        resolver.pool(ZfsHost.IOCROOT, host.ctx())

        then:
        thrown(ValidationException)
    }
}
