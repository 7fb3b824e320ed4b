package org.jailsh.freebsd

import java.nio.file.Path

import org.jailsh.spi.JailshException
import org.jailsh.spi.MountEntry
import org.jailsh.spi.RunState
import org.jailsh.spi.ValidationException
import spock.lang.Specification

/** Starting jails with jail(8), step by step as iocage.md §4.3 and §4.4 list the commands. */
class Jail8StartSpec extends Specification {

    /** §4.3 step 10, the devices iocage unhides, copied from the reference. */
    static final List<String> UNHIDDEN = '''null zero crypto random urandom ptyp* ptyq* ptyr* ptys* ptyP* ptyQ* ptyR*
        ptyS* ptyl* ptym* ptyn* ptyo* ptyL* ptyM* ptyN* ptyO* ttyp* ttyq* ttyr* ttys* ttyP* ttyQ* ttyR* ttyS* ttyl*
        ttym* ttyn* ttyo* ttyL* ttyM* ttyN* ttyO* ptmx pts pts/* fd fd/* stdin stdout stderr zfs'''.split(/\s+/)

    static final String ROOT = '/mnt/tank/iocage/jails/web/root'

    FreeBsdHost host = new FreeBsdHost()
    Jail8RuntimeProvider runtime = new Jail8RuntimeProvider()
    VnetNetworkProvider network = new VnetNetworkProvider()

    /** The display lines of §4.3 step 10 (globs are single-quoted in display, they are plain argv words). */
    static List<String> devfs(String ruleset, List<String> extra = []) {
        ["devfs rule -s $ruleset add hide".toString()] + (UNHIDDEN + extra).collect {
            "devfs rule -s $ruleset add path ${it.contains('*') ? "'$it'" : it} unhide".toString()
        }
    }

    def "a static VNET jail starts as iocage starts it: create, network, then its rc"() {
        given:
        host.jid('ioc-web', '7').answers()
        def jail = FreeBsdHost.jail('web', [vnet: 1, ip4_addr: 'vnet0|192.168.1.10/24'])

        when:
        def state = runtime.create(jail, [], host.ctx())
        network.attach(jail, state, host.ctx())
        runtime.boot(jail, state, host.ctx())

        then: 'create: §3 host check, §4.3 steps 1, 5, 10, 11 (written), 13, 14'
        state == new RunState(true, '7')
        host.lines() == [
                'uname -r',
                'jls -j ioc-web',
                "sysrc -f $ROOT/etc/rc.conf -n ifconfig_epair0b".toString(),
                'devfs rule showsets',
        ] + devfs('1000') + [
                'jail -f /var/run/jail.ioc-web.conf -c',
                'jls -j ioc-web jid',
                "ln -s ../var/run/log $ROOT/dev/log".toString(),
        ] + [
                // network: §4.3 step 3 gateways, §4.4 steps 1-8
                'netstat -r -n --libxo json',
                'ifconfig bridge0 create',
                'ifconfig bridge0',
                'ifconfig em0',
                'ifconfig epair create',
                'ifconfig epair3a name vnet0.7 mtu 9000',
                'ifconfig vnet0.7 link 02:a0:98:4e:07:f1',
                "ifconfig vnet0.7 description 'associated with jail: web as nic: epair0b'",
                'ifconfig epair3b vnet ioc-web',
                'jexec ioc-web ifconfig epair3b mtu 9000',
                'setfib 0 jexec ioc-web ifconfig epair3b name epair0b',
                'setfib 0 jexec ioc-web ifconfig epair0b link 02:a0:98:4e:07:f2',
                'ifconfig bridge0 addm em0',
                'ifconfig bridge0 addm vnet0.7 up',
                'ifconfig vnet0.7 up',
                'setfib 0 jexec ioc-web ifconfig epair0b 192.168.1.10/24 alias',
                'setfib 0 jexec ioc-web route add default 192.168.1.1',
        ] + [
                // boot: §4.3 steps 17, 18, 20
                'cat /etc/resolv.conf',
                "rm -f $ROOT/etc/localtime".toString(),
                "cp -a /etc/localtime $ROOT/etc/localtime".toString(),
                'setfib 0 jexec ioc-web /bin/sh /etc/rc',
        ]

        and: 'the parameter file and resolv.conf went through HostExec'
        host.exec.writes()[Path.of('/var/run/jail.ioc-web.conf')].startsWith('"ioc-web" {\n\tvnet;\n')
        host.exec.writes()[Path.of("$ROOT/etc/resolv.conf")] == 'nameserver 192.168.1.1\n'

        and: 'jail -c gets iocage environment'
        host.exec.commands().find { it.argv()[0] == 'jail' }.env() ==
                [IOCAGE_HOSTNAME: 'web', IOCAGE_NAME: 'ioc-web']

        and: 'the seed advice about hardware offloading is shown, once'
        host.warnings.size() == 1
        host.warnings[0].contains('Disable Hardware Offloading')
    }

    def "start alone runs both halves for callers without a network step"() {
        given:
        host.jid('ioc-web', '7').answers()

        when:
        def state = runtime.start(FreeBsdHost.jail('web'), [], host.ctx())

        then:
        state.jid() == '7'
        host.lines().last() == 'setfib 0 jexec ioc-web /bin/sh /etc/rc'
    }

    def "a shared-IP jail writes its aliases into the parameter file and needs no network step"() {
        given:
        host.jid('ioc-web', '7').answers()
        def jail = FreeBsdHost.jail('web', [ip4_addr: 'em0|192.168.1.10/24,192.168.1.5/24,10.0.0.9'])

        when:
        def state = runtime.create(jail, [], host.ctx())
        def before = host.lines().size()
        network.attach(jail, state, host.ctx())

        then: '§4.3 step 9: a bare address gets the default route NIC unless the host has it'
        def conf = host.exec.writes()[Path.of('/var/run/jail.ioc-web.conf')]
        conf.contains('\tip4.addr += "em0|192.168.1.10/24";\n')
        conf.contains('\tip4.addr += "192.168.1.5/24";\n')
        conf.contains('\tip4.addr += "em0|10.0.0.9";\n')
        !conf.contains('vnet;')
        host.lines().size() == before
        !host.lines().any { it.startsWith('sysrc') }
    }

    def "a DHCP jail gets SYNCDHCP in its rc.conf, bpf unhidden, and its lease checked after its rc"() {
        given:
        host.jid('ioc-dhcp', '9')
        host.exec.answer(['jexec', 'ioc-dhcp', 'ifconfig', 'epair0b', 'inet'],
                'epair0b: flags=8863<UP> metric 0 mtu 1500\n\tinet 192.168.1.77 netmask 0xffffff00 broadcast ' +
                        '192.168.1.255\n')
        host.answers()
        def jail = FreeBsdHost.jail('dhcp', [vnet: 1, bpf: 1, dhcp: 1])

        when:
        def state = runtime.create(jail, [], host.ctx())
        network.attach(jail, state, host.ctx())
        runtime.boot(jail, state, host.ctx())

        then: '§4.3 step 5, step 10 (bpf*), §4.4 (no address, no route with DHCP), step 22'
        def lines = host.lines()
        lines.contains('sysrc -f /mnt/tank/iocage/jails/dhcp/root/etc/rc.conf ifconfig_epair0b=SYNCDHCP')
        lines.contains("devfs rule -s 1000 add path 'bpf*' unhide")
        host.exec.commands().find { it.argv().contains('bpf*') }.argv() ==
                ['devfs', 'rule', '-s', '1000', 'add', 'path', 'bpf*', 'unhide']
        lines.indexOf('ifconfig bridge0 addm vnet0.9 up') < lines.indexOf('setfib 0 jexec ioc-dhcp /bin/sh /etc/rc')
        !lines.any { it.contains(' alias') || it.contains('route add') }
        lines.last() == 'jexec ioc-dhcp ifconfig epair0b inet'
        host.infos.contains('dhcp: epair0b leased 192.168.1.77')
    }

    def "a DHCP jail without a lease fails its start"() {
        given:
        host.exec.answer(['jexec', 'ioc-dhcp', 'ifconfig', 'epair0b', 'inet'],
                'epair0b: flags=8863<UP> metric 0 mtu 1500\n\tinet 0.0.0.0 netmask 0xff000000\n')
        host.answers()

        when:
        runtime.boot(FreeBsdHost.jail('dhcp', [vnet: 1, bpf: 1, dhcp: 1]), new RunState(true, '9'), host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'Stopped dhcp due to DHCP failure: epair0b has no IPv4 lease'
    }

    def "a release newer than the host's major version is refused before anything runs"() {
        given:
        host.answers()

        when:
        runtime.create(FreeBsdHost.jail('web', [release: '14.1-RELEASE-p2']), [], host.ctx())

        then: '§3 check_release_newer, major only'
        ValidationException e = thrown()
        e.message.startsWith('web: the host runs 13.2-RELEASE-p4, older than release 14.1-RELEASE-p2')
        host.lines() == ['uname -r']
    }

    def "a newer minor release of the host's major may run"() {
        given:
        host.jid('ioc-web', '7').answers()

        when:
        runtime.create(FreeBsdHost.jail('web', [release: '13.4-RELEASE']), [], host.ctx())

        then:
        notThrown(ValidationException)
    }

    def "a running jail is not started twice"() {
        given:
        host.running('ioc-web', '7').answers()

        when:
        runtime.create(FreeBsdHost.jail('web'), [], host.ctx())

        then: '§4.3 step 1'
        ValidationException e = thrown()
        e.message == 'web is already running!'
    }

    def "a devfs_ruleset other than 4 is copied into the first free dynamic ruleset"() {
        given:
        host.exec.answer(['devfs', 'rule', 'showsets'], '1\n2\n3\n4\n5\n1000\n')
        host.exec.answer(['devfs', 'rule', '-s', '5', 'show'], '100 path null unhide\n200 path zero unhide\n')
        host.jid('ioc-web', '7').answers()

        when:
        runtime.create(FreeBsdHost.jail('web', [devfs_ruleset: '5']), [], host.ctx())

        then: '§4.3 step 10'
        def lines = host.lines()
        lines.containsAll(['devfs rule -s 5 show', 'devfs rule -s 1001 add 100 path null unhide',
                           'devfs rule -s 1001 add 200 path zero unhide'])
        host.exec.writes()[Path.of('/var/run/jail.ioc-web.conf')].contains('\tdevfs_ruleset = "1001";\n')
    }

    def "a devfs_ruleset that does not exist stops the start"() {
        given:
        host.answers()

        when:
        runtime.create(FreeBsdHost.jail('web', [devfs_ruleset: '42']), [], host.ctx())

        then:
        ValidationException e = thrown()
        e.message == 'devfs_ruleset 42 does not exist! - Not starting jail'
    }

    def "limits, cpuset and host hooks run where iocage runs them"() {
        given:
        host.jid('ioc-web', '7').answers()
        def jail = FreeBsdHost.jail('web', [memoryuse: 'deny=4G', maxproc: 'deny=200', cpuset: '0-1',
                                            exec_prestart: '/usr/local/bin/prepare web', exec_poststart: '/root/up.sh',
                                            resolver: 'nameserver 1.1.1.1;search lan', host_time: 0,
                                            mount_procfs: 1])

        when:
        runtime.start(jail, [], host.ctx())

        then: '§4.3 steps 6, 12, 17, 21, 24, 25 and the runscript rule'
        def lines = host.lines()
        lines.contains("mount -t procfs proc $ROOT/proc".toString())
        lines.indexOf("/bin/sh -c '/usr/local/bin/prepare web'") < lines.indexOf('jail -f /var/run/jail.ioc-web.conf -c')
        lines.takeRight(6) == [
                'setfib 0 jexec ioc-web /bin/sh /etc/rc',
                '/root/up.sh',
                'rctl -r jail:ioc-web:',
                'rctl -a jail:ioc-web:memoryuse:deny=4G',
                'rctl -a jail:ioc-web:maxproc:deny=200',
                'cpuset -l 0-1 -j ioc-web',
        ]
        host.exec.writes()[Path.of("$ROOT/etc/resolv.conf")] == 'nameserver 1.1.1.1\nsearch lan\n'
        !lines.any { it.contains('localtime') || it == '/usr/bin/true' }
    }

    def "a failing exec_start fails the start with its output"() {
        given:
        host.exec.answer(['setfib', '0', 'jexec', 'ioc-web', '/bin/sh', '/etc/rc'], 1, '', 'rc: sshd failed')
        host.answers()

        when:
        runtime.boot(FreeBsdHost.jail('web'), new RunState(true, '7'), host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'web: exec_start failed (exit 1): rc: sshd failed'
    }

    def "inconsistent network properties are refused before anything runs"() {
        given:
        host.answers()

        when:
        runtime.create(FreeBsdHost.jail('web', props), [], host.ctx())

        then: '§4.3 step 4'
        ValidationException e = thrown()
        e.message == message
        !host.lines().any { it.startsWith('jail ') }

        where:
        props                          | message
        [dhcp: 1, bpf: 1]              | 'web: DHCP needs vnet and bpf'
        [vnet: 1, dhcp: 1]             | 'web: DHCP needs vnet and bpf'
        [bpf: 1]                       | 'web: bpf needs vnet'
        [vnet: 1, nat: 1, bpf: 1]      | 'web: nat and bpf cannot be used together'
        [nat: 1]                       | 'web: NAT needs vnet with jailsh\'s pf anchors'
        [ip6_addr: 'em0|accept_rtadv'] | 'web: accept_rtadv needs vnet'
    }

    def "mount points that would leave the jail or carry control characters are refused"() {
        given:
        host.answers()

        when:
        runtime.create(FreeBsdHost.jail('web'), [mount], host.ctx())

        then:
        thrown(ValidationException)
        !host.lines().any { it.startsWith('jail ') }

        where:
        mount << [
                new MountEntry('/mnt/tank/media', '/media/../../etc', 'nullfs', 'ro'),
                new MountEntry('/mnt/tank/media', 'media', 'nullfs', 'ro'),
                new MountEntry('/mnt/tank/media', '/', 'nullfs', 'ro'),
                new MountEntry('relative', '/media', 'nullfs', 'ro'),
                new MountEntry('/mnt/tank/media', '/media\n/etc', 'nullfs', 'ro'),
        ]
    }

    def "a hook of one word must be an absolute path"() {
        given:
        host.answers()

        when:
        runtime.create(FreeBsdHost.jail('web', [exec_prestart: 'prepare.sh']), [], host.ctx())

        then:
        JailshException e = thrown()
        e.message == "web: exec_prestart 'prepare.sh' is not an executable path"
    }
}
