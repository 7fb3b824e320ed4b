package org.jailsh.zfs

import org.jailsh.spi.ValidationException
import spock.lang.Specification

/** Destroy touches exactly one jail's datasets (iocage.md §4.10, without its -R and prefix-matching defects, §9). */
class ZfsDestroySpec extends Specification {

    ZfsHost host = new ZfsHost()
    ZfsStorageProvider zfs = new ZfsStorageProvider({ false })

    def setup() {
        host.dataset('tank/iocage/jails/web', '/mnt/tank/iocage/jails/web')
                .dataset('tank/iocage/jails/web/root', '/mnt/tank/iocage/jails/web/root',
                        'tank/iocage/releases/13.2-RELEASE/root@web')
                .dataset('tank/iocage/jails/web2', '/mnt/tank/iocage/jails/web2')
                .dataset('tank/iocage/jails/web2/root', '/mnt/tank/iocage/jails/web2/root',
                        'tank/iocage/templates/tmpl/root@web2')
    }

    def "a clone jail goes with -r, then the release snapshot it was cloned from"() {
        given:
        host.answers()

        when:
        zfs.destroy(ZfsHost.jail('web'), host.ctx())

        then:
        host.operations() == [
                'zfs destroy -r tank/iocage/jails/web',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@web',
        ]

        and: 'web2 shares the prefix "web" and is untouched'
        host.operations().every { !it.contains('web2') }
        host.exec.lines().every { !it.contains(' -R') }
    }

    def "a jail from a template drops the template's recursive snapshot named after it"() {
        given:
        host.answers()

        when:
        zfs.destroy(ZfsHost.jail('web2'), host.ctx())

        then:
        host.operations() == [
                'zfs destroy -r tank/iocage/jails/web2',
                'zfs destroy -r tank/iocage/templates/tmpl@web2',
        ]
    }

    def "a template with jails cloned from it is refused, naming them"() {
        given:
        host.answers()

        when:
        zfs.destroy(ZfsHost.jail('tmpl', 'templates'), host.ctx())

        then:
        ValidationException e = thrown()
        e.message == 'tmpl cannot be destroyed: these datasets are clones of its snapshots and would go with it: ' +
                'tank/iocage/jails/web2/root'
        e.hint().contains('never uses zfs destroy -R')
        host.operations().isEmpty()
    }

    def "a jail whose dataset is gone is left alone"() {
        given:
        host.answers()

        when:
        zfs.destroy(ZfsHost.jail('ghost'), host.ctx())

        then:
        host.operations().isEmpty()
        host.infos == ['tank/iocage/jails/ghost does not exist; nothing to destroy on ZFS']
    }

    def "a thick jail has no origin snapshot to drop"() {
        given:
        host.dataset('tank/iocage/jails/db', '/mnt/tank/iocage/jails/db')
                .dataset('tank/iocage/jails/db/root', '/mnt/tank/iocage/jails/db/root').answers()

        when:
        zfs.destroy(ZfsHost.jail('db'), host.ctx())

        then:
        host.operations() == ['zfs destroy -r tank/iocage/jails/db']
    }

    def "an origin snapshot not named after the jail is someone else's and stays"() {
        given: 'a jail cloned by hand from a snapshot taken for another purpose'
        host.dataset('tank/iocage/jails/odd', '/mnt/tank/iocage/jails/odd')
                .dataset('tank/iocage/jails/odd/root', '/mnt/tank/iocage/jails/odd/root',
                        'tank/iocage/releases/13.2-RELEASE/root@golden').answers()

        when:
        zfs.destroy(ZfsHost.jail('odd'), host.ctx())

        then:
        host.operations() == ['zfs destroy -r tank/iocage/jails/odd']
    }
}
