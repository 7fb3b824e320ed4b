package org.jailsh.freebsd

import org.jailsh.spi.JailshException
import org.jailsh.spi.RunState
import org.jailsh.spi.exec.DryRunHostExec
import spock.lang.Specification

/** Stopping, exec, console and state (iocage.md §4.5, §4.7, §8.2). */
class Jail8StopSpec extends Specification {

    static final String ROOT = '/mnt/tank/iocage/jails/web/root'

    FreeBsdHost host = new FreeBsdHost()
    Jail8RuntimeProvider runtime = new Jail8RuntimeProvider()

    def "a running jail stops as iocage stops it"() {
        given:
        host.exec.answer(['rctl'], 'jail:ioc-web:memoryuse:deny=4294967296\n')
        host.exec.answer(['devfs', 'rule', 'showsets'], '1\n2\n3\n4\n1000\n')
        host.running('ioc-web', '7').answers()

        when:
        runtime.stop(FreeBsdHost.jail('web', [exec_prestop: '/root/down.sh', exec_poststop: '/root/after.sh']),
                host.ctx())

        then: '§4.5 steps 1, 2, 3, 5, 6, 7, 8'
        host.lines() == [
                'jls -j ioc-web',
                'rctl',
                'rctl -r jail:ioc-web:',
                '/root/down.sh',
                'setfib 0 jexec ioc-web /bin/sh /etc/rc.shutdown',
                'jls -j ioc-web devfs_ruleset',
                'devfs rule showsets',
                'devfs rule -s 1000 delset',
                'jail -q -f /var/run/jail.ioc-web.conf -r ioc-web',
                'rm -f /var/run/jail.ioc-web.conf',
                '/root/after.sh',
                'umount -afF /mnt/tank/iocage/jails/web/fstab',
                "umount -f $ROOT/dev/fd".toString(),
                "umount -f $ROOT/dev".toString(),
                "umount -f $ROOT/proc".toString(),
                "umount -f $ROOT/compat/linux/proc".toString(),
        ]
    }

    def "a system devfs ruleset is never deleted"() {
        given:
        host.exec.answer(['jls', '-j', 'ioc-web', 'devfs_ruleset'], '4\n')
        host.running('ioc-web', '7').answers()

        when:
        runtime.stop(FreeBsdHost.jail('web'), host.ctx())

        then:
        !host.lines().any { it.contains('delset') }
    }

    def "a jail that is not running only gets the clean-up"() {
        given:
        host.answers()

        when:
        runtime.stop(FreeBsdHost.jail('web'), host.ctx())

        then:
        host.lines()[0..1] == ['jls -j ioc-web', 'rm -f /var/run/jail.ioc-web.conf']
        !host.lines().any { it.startsWith('jail ') || it.contains('rc.shutdown') }
    }

    def "jail -r printing an error fails the stop and keeps the parameter file"() {
        given:
        host.exec.answer(['jail', '-q'], 0, '', 'jail: ioc-web: mount.fstab: umount failed')
        host.running('ioc-web', '7').answers()

        when:
        runtime.stop(FreeBsdHost.jail('web'), host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'web: jail -r failed: jail: ioc-web: mount.fstab: umount failed'
        !host.lines().contains('rm -f /var/run/jail.ioc-web.conf')
    }

    def "a dry run shows the whole stop even though jls answers nothing"() {
        given:
        def dry = new DryRunHostExec()

        when:
        runtime.stop(FreeBsdHost.jail('web'), new org.jailsh.spi.ProviderContext(dry, host.ctx().facts(),
                org.jailsh.spi.Reporter.SILENT))

        then:
        dry.lines().contains('jail -q -f /var/run/jail.ioc-web.conf -r ioc-web')
        dry.lines().contains('setfib 0 jexec ioc-web /bin/sh /etc/rc.shutdown')
    }

    def "exec runs argv in the jail as the given user, through its FIB"() {
        given:
        host.answers()

        when:
        runtime.exec(FreeBsdHost.jail('web', [exec_fib: '2']), ['pkg', 'info', '-x', 'nginx'], 'www', false,
                host.ctx())
        runtime.exec(FreeBsdHost.jail('web'), ['/bin/sh'], 'root', true, host.ctx())

        then: '§4.7 with -U for the jail user'
        host.lines() == ['setfib 2 jexec -U www ioc-web pkg info -x nginx', 'setfib 0 jexec -U root ioc-web /bin/sh']
        !host.exec.commands()[0].interactive()
        host.exec.commands()[1].interactive()
        host.exec.commands()[0].env().PATH.startsWith('/sbin:/bin:')
    }

    def "console is login on the user's terminal, with login_flags"() {
        given:
        host.answers()

        when:
        runtime.console(FreeBsdHost.jail('web.example'), host.ctx())

        then: '§4.7 console'
        host.lines() == ['setfib 0 jexec -u root ioc-web_example login -p -f root']
        host.exec.commands()[0].interactive()
    }

    def "state comes from one jls --libxo json for any number of jails"() {
        given:
        host.exec.answer(['jls', '--libxo', 'json', '-v'], '''{"__version": "2", "jail-information": {"jail": [
            {"jid": 7, "hostname": "web", "path": "/mnt/tank/iocage/jails/web/root", "name": "ioc-web",
             "state": "ACTIVE", "cpusetid": 3, "ipv4_addrs": [], "ipv6_addrs": []},
            {"jid": 12, "hostname": "db", "path": "/mnt/tank/iocage/jails/db.x/root", "name": "ioc-db_x",
             "state": "ACTIVE", "cpusetid": 4, "ipv4_addrs": ["10.0.0.2"], "ipv6_addrs": []}]}}''')

        when:
        def states = runtime.states([FreeBsdHost.jail('web'), FreeBsdHost.jail('db.x'), FreeBsdHost.jail('off')],
                host.ctx())
        def one = runtime.state(FreeBsdHost.jail('db.x'), host.ctx())

        then:
        states == [web: new RunState(true, '7'), 'db.x': new RunState(true, '12'), off: RunState.DOWN]
        one == new RunState(true, '12')
        host.lines() == ['jls --libxo json -v', 'jls --libxo json -v']
    }

    def "a dry run's empty jls output means down"() {
        expect:
        runtime.state(FreeBsdHost.jail('web'), new org.jailsh.spi.ProviderContext(new DryRunHostExec(),
                host.ctx().facts(), org.jailsh.spi.Reporter.SILENT)) == RunState.DOWN
    }
}
