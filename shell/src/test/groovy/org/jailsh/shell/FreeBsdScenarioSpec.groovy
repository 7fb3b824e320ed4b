package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

import org.jailsh.api.JailshOptions
import org.jailsh.api.Jails
import org.jailsh.api.Session
import org.jailsh.freebsd.FreeBsdPlugin
import org.jailsh.model.JailType
import org.jailsh.registry.ProviderRegistry
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshException
import org.jailsh.spi.MountEntry
import org.jailsh.spi.Platform
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.spi.ValidationException
import org.jailsh.store.IocageJson
import org.jailsh.testkit.FreeBsdHostExec
import org.jailsh.testkit.TempTrees
import org.jailsh.verbs.CreateRequest
import org.jailsh.zfs.ZfsPlugin
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Issue 4's proof: a whole FreeBSD jail life through the real core (Session, verbs, store) and the real zfs and
 * FreeBSD providers, on the recording FreeBSD host of the testkit, whose answers follow what was done to it and whose
 * datasets are directories of a temporary IOCROOT. Each step's command lines are compared with iocage.md (§1, §4,
 * §5, §6, §7), with IOCROOT standing for the temporary state root, DATE for a snapshot's time stamp and SHA for
 * freebsd-update's install link.
 */
@Stepwise
class FreeBsdScenarioSpec extends Specification {

    /** iocage.md §4.3 step 10: the devices the generated ruleset unhides, in iocage's order. */
    static final List<String> UNHIDDEN = '''null zero crypto random urandom ptyp* ptyq* ptyr* ptys* ptyP* ptyQ* ptyR*
        ptyS* ptyl* ptym* ptyn* ptyo* ptyL* ptyM* ptyN* ptyO* ttyp* ttyq* ttyr* ttys* ttyP* ttyQ* ttyR* ttyS* ttyl*
        ttym* ttyn* ttyo* ttyL* ttyM* ttyN* ttyO* ptmx pts pts/* fd fd/* stdin stdout stderr zfs'''.split(/\s+/)

    /** iocage.md §4.3.1's complete parameter file of a default VNET jail, for the jail web in IOCROOT. */
    static final String WEB_CONF = '''\
"ioc-web" {
	vnet;
	mount.fdescfs = "1";
	allow.set_hostname = "1";
	mount.devfs = "1";
	sysvmsg = "new";
	sysvsem = "new";
	sysvshm = "new";
	exec.created = "/usr/bin/true";
	host.domainname = "none";
	host.hostname = "web";
	path = "IOCROOT/jails/web/root";
	securelevel = "2";
	host.hostuuid = "web";
	devfs_ruleset = "1000";
	enforce_statfs = "2";
	children.max = "0";
	exec.clean = "1";
	exec.timeout = "60";
	stop.timeout = "30";
	mount.fstab = "IOCROOT/jails/web/fstab";
	allow.dying;
	exec.consolelog = "IOCROOT/log/ioc-web-console.log";
	persist;
}
'''

    /** iocage.md §1.2: the options of every iocage dataset. */
    static final String OPTIONS = '-o compression=lz4 -o aclmode=passthrough -o aclinherit=passthrough'
    static final String FU_WEB = 'freebsd-update -b IOCROOT/jails/web/root -d IOCROOT/jails/web/root/var/db/freebsd-update/'
    static final String FU_REL = 'freebsd-update -b IOCROOT/releases/13.2-RELEASE/root ' +
            '-d IOCROOT/releases/13.2-RELEASE/root/var/db/freebsd-update/'
    static final String PENDING = 'test -L IOCROOT/jails/web/root/var/db/freebsd-update/SHA-install'

    @Shared Path tmp
    @Shared Path iocroot
    @Shared String mirror
    @Shared FreeBsdHostExec host
    @Shared Jails jails
    @Shared List<String> infos = []
    @Shared List<String> warnings = []

    def setupSpec() {
        tmp = Files.createTempDirectory('jailsh-freebsd-scenario')
        iocroot = tmp.resolve('iocage')
        ['13.2-RELEASE', '13.3-RELEASE'].each { publish(tmp.resolve('mirror'), it) }
        mirror = tmp.resolve('mirror').toUri().toString()
        host = new FreeBsdHostExec(iocroot)
        def env = [PATH: '/nonexistent']
        def reporter = new Reporter() {
            void info(String message) { infos << message }

            void warn(String message) { warnings << message }
        }
        def options = new JailshOptions(iocroot, Platform.FREEBSD, false, [], [:], reporter, env)
        def facts = new HostFacts(Platform.FREEBSD, true, iocroot, env)
        // planning: the providers' probes fail on Linux (no jail(8), no zfs); the fake host stands in for FreeBSD
        def registry = new ProviderRegistry([new ZfsPlugin(), new FreeBsdPlugin()], [], facts, [:], true)
        jails = new Jails(new Session(options, facts, registry, host))
    }

    /** What a previous step's checks asked the host (jls for list, zfs for snapshots) is not this step's. */
    def setup() {
        host.drain()
    }

    def cleanupSpec() {
        TempTrees.remove(tmp)
    }

    /** A mirror directory as download.freebsd.org lays it out: amd64/REL/{MANIFEST,base.txz,lib32.txz,src.txz}. */
    static void publish(Path mirror, String release) {
        Path dir = Files.createDirectories(mirror.resolve("amd64/$release"))
        StringBuilder manifest = new StringBuilder()
        ['base.txz', 'lib32.txz', 'src.txz'].each { name ->
            String content = "$release $name"
            Files.writeString(dir.resolve(name), content)
            String sum = MessageDigest.getInstance('SHA-256').digest(content.bytes).encodeHex()
            manifest << "$name\t$sum\t42\t${name - '.txz'}\t\"${name}\"\ton\n"
        }
        Files.writeString(dir.resolve('MANIFEST'), manifest.toString())
    }

    /** The commands since the last step, with IOCROOT, DATE (snapshot stamps) and SHA (install links) as words. */
    List<String> step() {
        host.drain()*.replace(iocroot.toString(), 'IOCROOT')
                *.replaceAll(/ioc_(update|upgrade)_\d{4}-\d\d-\d\d_\d\d\.\d\d\.\d\d(_\d+)?/, 'ioc_$1_DATE')
                *.replaceAll(/freebsd-update\/[0-9a-f]{64}-install/, 'freebsd-update/SHA-install')
    }

    static List<String> devfs(String ruleset, List<String> extra = []) {
        ['devfs rule showsets', "devfs rule -s $ruleset add hide".toString()] + (UNHIDDEN + extra).collect {
            "devfs rule -s $ruleset add path ${it.contains('*') ? "'$it'" : it} unhide".toString()
        }
    }

    Map<String, Object> config(String name, String kind = 'jails') {
        def config = IocageJson.read(iocroot.resolve(kind).resolve(name).resolve('config.json'))
        def started = config.remove('last_started')
        assert started == null || started ==~ /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
        config
    }

    String conf(String name) {
        host.writes()[Path.of("/var/run/jail.ioc-${name}.conf")].replace(iocroot.toString(), 'IOCROOT')
    }

    def "activate tank: the pool is marked and iocage's dataset tree made at IOCROOT (§1.1, §1.2)"() {
        when:
        jails.activate('tank')

        then:
        step() == [
                'zpool list -H -o health tank',
                'zpool list -H -o name',
                'zfs get -H -o name,value org.freebsd.ioc:active tank',
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs set org.freebsd.ioc:active=yes tank',
                'zfs get -H -o value mountpoint tank',
                "zfs create $OPTIONS -o mountpoint=IOCROOT tank/iocage".toString(),
        ] + ['download', 'images', 'jails', 'log', 'releases', 'templates'].collect {
            "zfs create $OPTIONS tank/iocage/$it".toString()
        }
        host.property('tank', 'org.freebsd.ioc:active') == 'yes'
        host.property('tank/iocage', 'mountpoint') == iocroot.toString()
        ['download', 'images', 'jails', 'log', 'releases', 'templates'].every { Files.isDirectory(iocroot.resolve(it)) }
    }

    def "fetch 13.2-RELEASE and 13.3-RELEASE from a file: mirror into their datasets (§4.1)"() {
        given: 'a fixed MAC prefix, so the generated MACs can be compared'
        jails.set(['mac_prefix=02a098'], 'default')
        step()

        when:
        jails.fetch(new ReleaseRequest('13.2-RELEASE', mirror, null))

        then: 'pool found by its mountpoint, datasets first, then MANIFEST-checked sets listed and extracted'
        step() == [
                'zpool list -H -o name',
                'zfs list -H -o name,mountpoint -t filesystem tank/iocage',
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs create -o compression=lz4 tank/iocage/download/13.2-RELEASE',
                'zfs create -p -o compression=lz4 tank/iocage/releases/13.2-RELEASE/root',
                'uname -r',
                'uname -m',
                'mkdir -p IOCROOT/releases/13.2-RELEASE/root',
        ] + ['base.txz', 'lib32.txz', 'src.txz'].collectMany {
            ["tar -tf IOCROOT/download/13.2-RELEASE/$it".toString(),
             "tar -C IOCROOT/releases/13.2-RELEASE/root -xpf IOCROOT/download/13.2-RELEASE/$it".toString()]
        }
        Files.readString(iocroot.resolve('download/13.2-RELEASE/base.txz')) == '13.2-RELEASE base.txz'
        host.userland(iocroot.resolve('releases/13.2-RELEASE/root')) == '13.2-RELEASE'

        when:
        jails.fetch(new ReleaseRequest('13.3-RELEASE', mirror, null))

        then:
        step().take(3) == [
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs create -o compression=lz4 tank/iocage/download/13.3-RELEASE',
                'zfs create -p -o compression=lz4 tank/iocage/releases/13.3-RELEASE/root',
        ]
        Files.isDirectory(iocroot.resolve('releases/13.3-RELEASE/root/usr/src'))
        jails.releases().findAll { it.fetched }*.name == ['13.2-RELEASE', '13.3-RELEASE']
    }

    def "create web, a clone of the release with a static VNET address (§4.2, §2.1 thin config)"() {
        when:
        jails.create(new CreateRequest('web', '13.2-RELEASE', null, JailType.CLONE, false,
                [vnet: 'on', ip4_addr: 'vnet0|192.168.1.10/24', defaultrouter: '192.168.1.1'], []))

        then:
        step() == [
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@web',
                'zfs clone -p tank/iocage/releases/13.2-RELEASE/root@web tank/iocage/jails/web/root',
        ]
        config('web') == [cloned_release: '13.2-RELEASE', defaultrouter: '192.168.1.1', host_hostname: 'web',
                          host_hostuuid: 'web', ip4_addr: 'vnet0|192.168.1.10/24',
                          jail_zfs_dataset: 'iocage/jails/web/data', release: '13.2-RELEASE', type: 'jail', vnet: 1]
        Files.readString(iocroot.resolve('jails/web/fstab')) == ''
        host.userland(iocroot.resolve('jails/web/root')) == '13.2-RELEASE'
        host.property('tank/iocage/jails/web/root', 'origin') == 'tank/iocage/releases/13.2-RELEASE/root@web'
    }

    def "create two basejails: thick copies under read-only nullfs mounts of the release (§4.2 -b, §5)"() {
        when:
        jails.create(new CreateRequest('bj', '13.2-RELEASE', null, JailType.BASEJAIL, false, [:], []))
        def bj = step()
        jails.create(new CreateRequest('bj2', '13.2-RELEASE', null, JailType.BASEJAIL, false, [:], []))
        step()

        then:
        bj == [
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@bj',
                'zfs create -p tank/iocage/jails/bj',
                'sh -c \'zfs send "$1" | zfs receive -F "$2"\' sh tank/iocage/releases/13.2-RELEASE/root@bj ' +
                        'tank/iocage/jails/bj/root',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@bj',
                'zfs destroy tank/iocage/jails/bj/root@bj',
        ]
        config('bj') == [basejail: 1, cloned_release: '13.2-RELEASE', host_hostname: 'bj', host_hostuuid: 'bj',
                         jail_zfs_dataset: 'iocage/jails/bj/data', release: '13.2-RELEASE', type: 'jail']
        Files.readAllLines(iocroot.resolve('jails/bj/fstab')).collect { it.replace(iocroot.toString(), 'IOCROOT') } ==
                ['bin', 'boot', 'lib', 'libexec', 'rescue', 'sbin', 'usr/bin', 'usr/include', 'usr/lib', 'usr/libexec',
                 'usr/sbin', 'usr/share', 'usr/libdata', 'usr/lib32'].collect {
                    "IOCROOT/releases/13.2-RELEASE/root/$it\tIOCROOT/jails/bj/root/$it\tnullfs\tro\t0\t0 # Added by jailsh"
                            .toString()
                }
        host.property('tank/iocage/jails/bj/root', 'origin') == '-'
        !host.snapshots().any { it.contains('@bj') }
    }

    def "create t, a thick jail: send | receive, no cloned_release (§4.2 -T)"() {
        when:
        jails.create(new CreateRequest('t', '13.2-RELEASE', null, JailType.THICK, false, [:], []))

        then:
        step() == [
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@t',
                'zfs create -p tank/iocage/jails/t',
                'sh -c \'zfs send "$1" | zfs receive -F "$2"\' sh tank/iocage/releases/13.2-RELEASE/root@t ' +
                        'tank/iocage/jails/t/root',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@t',
                'zfs destroy tank/iocage/jails/t/root@t',
        ]
        config('t') == [host_hostname: 't', host_hostuuid: 't', jail_zfs_dataset: 'iocage/jails/t/data',
                        release: '13.2-RELEASE', type: 'jail']
        host.userland(iocroot.resolve('jails/t/root')) == '13.2-RELEASE'
    }

    def "a stopped jail becomes a template, read-only, and a DHCP jail is cloned from it (§6, §4.2 -t)"() {
        given:
        jails.create(new CreateRequest('tpl', '13.2-RELEASE', null, JailType.CLONE, false, [notes: 'golden'], []))
        step()

        when:
        jails.set(['template=yes'], 'tpl')

        then: 'renamed, then made read-only; the config went along with the dataset, written before'
        step() == [
                'jls --libxo json -v',
                'zfs rename -f tank/iocage/jails/tpl tank/iocage/templates/tpl',
                'zfs set readonly=on tank/iocage/templates/tpl',
        ]
        !Files.exists(iocroot.resolve('jails/tpl'))
        config('tpl', 'templates') == [cloned_release: '13.2-RELEASE', host_hostname: 'tpl', host_hostuuid: 'tpl',
                                       jail_zfs_dataset: 'iocage/jails/tpl/data', notes: 'golden',
                                       release: '13.2-RELEASE', template: 1, type: 'template']
        host.property('tank/iocage/templates/tpl/root', 'readonly') == 'on'
        host.problems().every { it.contains('mounted over the non-empty directory') }

        when:
        jails.create(new CreateRequest('dhcp', null, 'tpl', JailType.CLONE, false, [dhcp: 'on'], []))

        then: 'dhcp implies vnet and bpf (§7.3)'
        step() == [
                'zfs list -H -o name,mountpoint,origin,exec -r -t filesystem tank/iocage',
                'zfs snapshot -r tank/iocage/templates/tpl@dhcp',
                'zfs clone -p tank/iocage/templates/tpl/root@dhcp tank/iocage/jails/dhcp/root',
        ]
        config('dhcp') == [bpf: 1, cloned_release: '13.2-RELEASE', dhcp: 1, host_hostname: 'dhcp',
                           host_hostuuid: 'dhcp', jail_zfs_dataset: 'iocage/jails/dhcp/data', release: '13.2-RELEASE',
                           source_template: 'tpl', type: 'jail', vnet: 1]
        jails.list(true)*.name() == ['tpl']
    }

    def "create a NAT jail with forwards and a shared-IP jail"() {
        when:
        jails.create(new CreateRequest('nat', '13.2-RELEASE', null, JailType.CLONE, false,
                [vnet: 'on', nat: 'on', nat_forwards: 'tcp(80:8080),udp(53)'], []))
        jails.create(new CreateRequest('shared', '13.2-RELEASE', null, JailType.CLONE, false,
                [ip4_addr: 'em0|192.168.1.20/24'], []))

        then:
        step().findAll { !it.startsWith('zfs list') } == [
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@nat',
                'zfs clone -p tank/iocage/releases/13.2-RELEASE/root@nat tank/iocage/jails/nat/root',
                'zfs snapshot tank/iocage/releases/13.2-RELEASE/root@shared',
                'zfs clone -p tank/iocage/releases/13.2-RELEASE/root@shared tank/iocage/jails/shared/root',
        ]
        config('nat').subMap(['nat', 'nat_forwards', 'vnet']) == [nat: 1, nat_forwards: 'tcp(80:8080),udp(53)', vnet: 1]
        config('shared').ip4_addr == 'em0|192.168.1.20/24'
    }

    def "start web: jail -c with §4.3.1's parameter file, then VNET plumbing (§4.4), then its rc (§4.3)"() {
        when:
        jails.start('web')

        then:
        step() == [
                'jls --libxo json -v',
                'uname -r',
                'jls -j ioc-web',
                'sysrc -f IOCROOT/jails/web/root/etc/rc.conf -n ifconfig_epair0b',
        ] + devfs('1000') + [
                'jail -f /var/run/jail.ioc-web.conf -c',
                'jls -j ioc-web jid',
                'ln -s ../var/run/log IOCROOT/jails/web/root/dev/log',
                'netstat -r -n --libxo json',
                'ifconfig bridge0 create',
                'ifconfig bridge0',
                'ifconfig epair create',
                'ifconfig epair0a name vnet0.1 mtu 1500',
                'ifconfig vnet0.1 link 02:a0:98:4e:07:f1',
                "ifconfig vnet0.1 description 'associated with jail: web as nic: epair0b'",
                'ifconfig epair0b vnet ioc-web',
                'jexec ioc-web ifconfig epair0b mtu 1500',
                'setfib 0 jexec ioc-web ifconfig epair0b link 02:a0:98:4e:07:f2',
                'ifconfig bridge0 addm em0',
                'ifconfig bridge0 addm vnet0.1 up',
                'ifconfig vnet0.1 up',
                'setfib 0 jexec ioc-web ifconfig epair0b 192.168.1.10/24 alias',
                'setfib 0 jexec ioc-web route add default 192.168.1.1',
                'cat /etc/resolv.conf',
                'rm -f IOCROOT/jails/web/root/etc/localtime',
                'cp -a /etc/localtime IOCROOT/jails/web/root/etc/localtime',
                'setfib 0 jexec ioc-web /bin/sh /etc/rc',
        ]
        conf('web') == WEB_CONF
        host.jails() == ['ioc-web': 1]
        host.routes('ioc-web') == ['default 192.168.1.1']
        host.ifconfig('ioc-web').contains('\tinet 192.168.1.10 netmask 0xffffff00 broadcast 192.168.1.255')
        host.members('bridge0') == ['em0', 'vnet0.1']
        Files.readString(iocroot.resolve('jails/web/root/etc/resolv.conf')) ==
                "search example.lan\nnameserver 192.168.1.1\n"
        jails.list(false).find { it.name() == 'web' }.state() == 'up'

        and: 'the seed\'s advice about hardware offloading, since JAILSH_DISABLE_OFFLOAD is not set (§7.5)'
        warnings == ['em0 is paired with web through bridge0 with hardware offloading on; disable it on that ' +
                             'interface (TrueNAS: Disable Hardware Offloading; jailsh: JAILSH_DISABLE_OFFLOAD=yes) to ' +
                             'prevent a network interface reset when the jail starts']
    }

    def "start the DHCP jail: SYNCDHCP in its rc.conf, bpf unhidden, its lease checked (§4.3 steps 5, 22, §7.3)"() {
        when:
        jails.start('dhcp')

        then:
        step() == [
                'jls --libxo json -v',
                'uname -r',
                'jls -j ioc-dhcp',
                'sysrc -f IOCROOT/jails/dhcp/root/etc/rc.conf ifconfig_epair0b=SYNCDHCP',
        ] + devfs('1001', ['bpf*']) + [
                'jail -f /var/run/jail.ioc-dhcp.conf -c',
                'jls -j ioc-dhcp jid',
                'ln -s ../var/run/log IOCROOT/jails/dhcp/root/dev/log',
                'netstat -r -n --libxo json',
                'ifconfig bridge0 create',
                'ifconfig bridge0',
                'ifconfig vnet0.1',
                'ifconfig epair create',
                'ifconfig epair1a name vnet0.2 mtu 1500',
                'ifconfig vnet0.2 link 02:a0:98:f0:5a:36',
                "ifconfig vnet0.2 description 'associated with jail: dhcp as nic: epair0b'",
                'ifconfig epair1b vnet ioc-dhcp',
                'jexec ioc-dhcp ifconfig epair1b mtu 1500',
                'setfib 0 jexec ioc-dhcp ifconfig epair1b name epair0b',
                'setfib 0 jexec ioc-dhcp ifconfig epair0b link 02:a0:98:f0:5a:37',
                'ifconfig bridge0 addm em0',
                'ifconfig bridge0 addm vnet0.2 up',
                'ifconfig vnet0.2 up',
                'cat /etc/resolv.conf',
                'rm -f IOCROOT/jails/dhcp/root/etc/localtime',
                'cp -a /etc/localtime IOCROOT/jails/dhcp/root/etc/localtime',
                'setfib 0 jexec ioc-dhcp /bin/sh /etc/rc',
                'jexec ioc-dhcp ifconfig epair0b inet',
        ]
        Files.readString(iocroot.resolve('jails/dhcp/root/etc/rc.conf')) == 'ifconfig_epair0b="SYNCDHCP"\n'
        conf('dhcp') == WEB_CONF.replace('web', 'dhcp').replace('"1000"', '"1001"')
        infos.contains('dhcp: epair0b leased 192.168.1.102')
        host.members('bridge0') == ['em0', 'vnet0.1', 'vnet0.2']
    }

    def "start the NAT jail: the first free /30, no bridge, its rules in its own pf anchor (§7.4 without #1081)"() {
        when:
        jails.start('nat')

        then:
        step().findAll { !it.startsWith('devfs rule -s 1002 add') } == [
                'jls --libxo json -v',
                'uname -r',
                'jls -j ioc-nat',
                'sysrc -f IOCROOT/jails/nat/root/etc/rc.conf -n ifconfig_epair0b',
                'devfs rule showsets',
                'jail -f /var/run/jail.ioc-nat.conf -c',
                'jls -j ioc-nat jid',
                'ln -s ../var/run/log IOCROOT/jails/nat/root/dev/log',
                'netstat -r -n --libxo json',
                'ifconfig',
                'ifconfig epair create',
                'ifconfig epair2a name vnet0.3 mtu 1500',
                'ifconfig vnet0.3 link 02:a0:98:6f:8a:48',
                "ifconfig vnet0.3 description 'associated with jail: nat as nic: epair0b'",
                'ifconfig epair2b vnet ioc-nat',
                'jexec ioc-nat ifconfig epair2b mtu 1500',
                'setfib 0 jexec ioc-nat ifconfig epair2b name epair0b',
                'setfib 0 jexec ioc-nat ifconfig epair0b link 02:a0:98:6f:8a:49',
                'ifconfig vnet0.3 inet 172.16.0.1/30',
                'ifconfig vnet0.3 up',
                'setfib 0 jexec ioc-nat ifconfig epair0b 172.16.0.2/30 alias',
                'setfib 0 jexec ioc-nat route add default 172.16.0.1',
                'sysctl -q net.inet.ip.forwarding=1',
                'kldload -n pf',
                'pfctl -s nat',
                'pfctl -a jailsh/nat -f /var/run/jailsh.pf.ioc-nat.conf',
                'cat /etc/resolv.conf',
                'rm -f IOCROOT/jails/nat/root/etc/localtime',
                'cp -a /etc/localtime IOCROOT/jails/nat/root/etc/localtime',
                'setfib 0 jexec ioc-nat /bin/sh /etc/rc',
        ]
        host.anchors() == ['jailsh/nat': '''\
nat on em0 inet from 172.16.0.2 to any -> (em0:0) static-port
rdr pass on em0 inet proto tcp from any to (em0:0) port 8080 -> 172.16.0.2 port 80
rdr pass on em0 inet proto udp from any to (em0:0) port 53 -> 172.16.0.2 port 53
''']
        host.ifconfig(null).contains('\tinet 172.16.0.1 netmask 0xfffffffc broadcast 172.16.0.3')
        !host.members('bridge0').contains('vnet0.3')
        !host.lines().any { it.startsWith('pfctl -f') || it.startsWith('pfctl -F') }
    }

    def "start the shared-IP jail: jail(8) adds its alias from the parameter file, no network step (§7.1)"() {
        when:
        jails.start('shared')

        then:
        step().findAll { !it.startsWith('devfs rule -s 1003 add') } == [
                'jls --libxo json -v',
                'uname -r',
                'jls -j ioc-shared',
                'devfs rule showsets',
                'jail -f /var/run/jail.ioc-shared.conf -c',
                'jls -j ioc-shared jid',
                'ln -s ../var/run/log IOCROOT/jails/shared/root/dev/log',
                'cat /etc/resolv.conf',
                'rm -f IOCROOT/jails/shared/root/etc/localtime',
                'cp -a /etc/localtime IOCROOT/jails/shared/root/etc/localtime',
                'setfib 0 jexec ioc-shared /bin/sh /etc/rc',
        ]
        conf('shared').startsWith('''\
"ioc-shared" {
	ip4.addr += "em0|192.168.1.20/24";
	ip4.saddrsel = "1";
	ip4 = "new";
	ip6.saddrsel = "1";
	ip6 = "new";
	mount.fdescfs = "1";
''')
        host.ifconfig(null).contains('\tinet 192.168.1.20 netmask 0xffffff00 broadcast 192.168.1.255')
        host.jails().keySet() as List == ['ioc-web', 'ioc-dhcp', 'ioc-nat', 'ioc-shared']
    }

    def "a basejail starts with its release's system directories mounted read-only by jail(8)"() {
        when:
        jails.start('bj')

        then:
        step().contains('jail -f /var/run/jail.ioc-bj.conf -c')
        host.mounts().findAll { it.contains('/jails/bj/') }*.replace(iocroot.toString(), 'IOCROOT').take(2) == [
                'IOCROOT/jails/bj/root/bin nullfs IOCROOT/releases/13.2-RELEASE/root/bin',
                'IOCROOT/jails/bj/root/boot nullfs IOCROOT/releases/13.2-RELEASE/root/boot',
        ]

        when:
        jails.stop('bj')

        then:
        step().contains('jail -q -f /var/run/jail.ioc-bj.conf -r ioc-bj')
        !host.mounts().any { it.contains('/jails/bj/') }
    }

    def "fstab add and remove on a stopped jail; the mount point is made before jail(8) needs it (§4.11)"() {
        given:
        Path media = tmp.resolve('media')

        when:
        jails.mount('t', media.toString(), '/media', true)

        then: 'only the state check runs on the host: the fstab is jailsh\'s file'
        step() == ['jls --libxo json -v']
        Files.readString(iocroot.resolve('jails/t/fstab')) ==
                "$media\t$iocroot/jails/t/root/media\tnullfs\tro\t0\t0 # Added by jailsh\n"
        Files.isDirectory(media)

        when: 'started, jail(8) mounts it; /media did not exist in the jail'
        jails.start('t')
        step()

        then:
        Files.isDirectory(iocroot.resolve('jails/t/root/media'))
        host.mounts().contains("$iocroot/jails/t/root/media nullfs $media".toString())

        when:
        jails.stop('t')
        step()
        jails.unmount('t', '/media')

        then:
        step() == ['jls --libxo json -v']
        Files.readString(iocroot.resolve('jails/t/fstab')) == ''
        jails.mounts('t').isEmpty()
        !host.mounts().any { it.contains('/jails/t/') }

        when: 'a running jail\'s mounts do not change'
        jails.start('t')
        step()
        jails.mount('t', media.toString(), '/media', true)

        then:
        ValidationException e = thrown()
        e.message == 'mounts of t cannot change while it is up'

        cleanup:
        jails.stop('t')
        step()
    }

    def "update web: freebsd-update from the host, never interactive, and the release re-stamped (§4.8)"() {
        when:
        def outcome = jails.update('web')

        then:
        step() == [
                'zfs list -H -t snapshot -o name -r -d 1 tank/iocage/jails/web',
                'zfs snapshot -r tank/iocage/jails/web@ioc_update_DATE',
                "grep -q '^ServerName' IOCROOT/jails/web/root/etc/freebsd-update.conf",
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/jails/web/root/bin/freebsd-version",
                'mount -t devfs devfs IOCROOT/jails/web/root/dev',
                "$FU_WEB -f IOCROOT/jails/web/root/etc/freebsd-update.conf --not-running-from-cron " +
                        '--currently-running 13.2-RELEASE fetch',
                "$FU_WEB -f IOCROOT/jails/web/root/etc/freebsd-update.conf --not-running-from-cron " +
                        '--currently-running 13.2-RELEASE install',
                'umount IOCROOT/jails/web/root/dev',
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/jails/web/root/bin/freebsd-version",
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/jails/web/root/bin/freebsd-version",
        ]*.toString()
        outcome.summary() == 'web: 13.2-RELEASE -> 13.2-RELEASE-p4'
        outcome.steps()*.title()[1..2] == ['update web (freebsd-update)', 'record the release web is on']
        host.userland(iocroot.resolve('jails/web/root')) == '13.2-RELEASE-p4'
        config('web').release == '13.2-RELEASE-p4'
        host.commands().find { it.argv().last() == 'fetch' }.env().subMap(['PAGER', 'UNAME_r']) ==
                [PAGER: '/bin/cat', UNAME_r: '13.2-RELEASE']
        host.mounts().count { it.startsWith("$iocroot/jails/web/root/dev devfs".toString()) } == 1
    }

    def "updating a basejail patches its release and re-stamps every basejail on it (§4.8 step 3, §5)"() {
        when:
        jails.update('bj')

        then:
        step() == [
                'zfs list -H -t snapshot -o name -r -d 1 tank/iocage/jails/bj',
                'zfs snapshot -r tank/iocage/jails/bj@ioc_update_DATE',
                "grep -q '^ServerName' IOCROOT/releases/13.2-RELEASE/root/etc/freebsd-update.conf",
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/releases/13.2-RELEASE/root/bin/freebsd-version",
                'mount -t devfs devfs IOCROOT/releases/13.2-RELEASE/root/dev',
                "$FU_REL -f IOCROOT/releases/13.2-RELEASE/root/etc/freebsd-update.conf --not-running-from-cron " +
                        '--currently-running 13.2-RELEASE fetch',
                "$FU_REL -f IOCROOT/releases/13.2-RELEASE/root/etc/freebsd-update.conf --not-running-from-cron " +
                        '--currently-running 13.2-RELEASE install',
                'umount IOCROOT/releases/13.2-RELEASE/root/dev',
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/releases/13.2-RELEASE/root/bin/freebsd-version",
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/releases/13.2-RELEASE/root/bin/freebsd-version",
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/releases/13.2-RELEASE/root/bin/freebsd-version",
        ]*.toString()
        config('bj').release == '13.2-RELEASE-p4'
        config('bj2').release == '13.2-RELEASE-p4'
        config('t').release == '13.2-RELEASE'
        host.userland(iocroot.resolve('jails/t/root')) == '13.2-RELEASE'
    }

    def "an upgrade is refused while the jail is up"() {
        when:
        jails.upgrade('web', '13.3-RELEASE')

        then:
        ValidationException e = thrown()
        e.message == 'web is up; upgrade needs it stopped'
        step() == ['jls --libxo json -v']
    }

    def "stop web: exec_stop, its epair, its devfs ruleset, jail -r, leftovers (§4.5)"() {
        when:
        jails.stop('web')

        then:
        step() == [
                'jls --libxo json -v',
                'jls -j ioc-web jid',
                'ifconfig vnet0.1 destroy',
                'jls -j ioc-web',
                'rctl',
                'setfib 0 jexec ioc-web /bin/sh /etc/rc.shutdown',
                'jls -j ioc-web devfs_ruleset',
                'devfs rule showsets',
                'devfs rule -s 1000 delset',
                'jail -q -f /var/run/jail.ioc-web.conf -r ioc-web',
                'rm -f /var/run/jail.ioc-web.conf',
                'umount -afF IOCROOT/jails/web/fstab',
                'umount -f IOCROOT/jails/web/root/dev/fd',
                'umount -f IOCROOT/jails/web/root/dev',
                'umount -f IOCROOT/jails/web/root/proc',
                'umount -f IOCROOT/jails/web/root/compat/linux/proc',
        ]
        !host.jails().containsKey('ioc-web')
        !host.interfaces().contains('vnet0.1')
        !host.rulesets().contains(1000)
        host.members('bridge0') == ['em0', 'vnet0.2']
        host.file(Path.of('/var/run/jail.ioc-web.conf')) == null
    }

    def "an upgrade whose /etc merge conflicts is rolled back to its snapshot (§4.9, declared policy)"() {
        given:
        host.conflicts(iocroot.resolve('jails/web/root'), ['/etc/rc.conf'])

        when:
        jails.upgrade('web', '13.3-RELEASE')

        then:
        JailshException e = thrown()
        e.message ==~ /web: upgrade failed and was rolled back to ioc_upgrade_[0-9_.-]+: web: \/etc has merge conflicts in \/etc\/rc.conf/
        def with = "$FU_WEB -f /var/run/jailsh-freebsd-update.ioc-web.conf --not-running-from-cron " +
                '--currently-running 13.2-RELEASE -r 13.3-RELEASE'
        step() == [
                'jls --libxo json -v',
                'zfs list -H -t snapshot -o name -r -d 1 tank/iocage/jails/web',
                'zfs snapshot -r tank/iocage/jails/web@ioc_upgrade_DATE',
                'uname -r',
                'cat IOCROOT/jails/web/root/etc/freebsd-update.conf',
                'mount -t devfs devfs IOCROOT/jails/web/root/dev',
                "$with upgrade",
                PENDING,
                "$with install",
                PENDING,
                "$with install",
                PENDING,
                'umount IOCROOT/jails/web/root/dev',
                'rm -f /var/run/jailsh-freebsd-update.ioc-web.conf',
                'test -d IOCROOT/releases/13.3-RELEASE/root/usr/src',
                'etcupdate -F -D IOCROOT/jails/web/root -s IOCROOT/releases/13.3-RELEASE/root/usr/src',
                'etcupdate status -D IOCROOT/jails/web/root',
                'zfs list -H -t snapshot -o name -r tank/iocage/jails/web',
                'zfs rollback -r tank/iocage/jails/web/root@ioc_upgrade_DATE',
                'zfs rollback -r tank/iocage/jails/web@ioc_upgrade_DATE',
        ]*.toString()
        host.userland(iocroot.resolve('jails/web/root')) == '13.2-RELEASE-p4'
        config('web').release == '13.2-RELEASE-p4'

        and: 'freebsd-update got answers on stdin and a configuration without MergeChanges'
        host.commands().find { it.argv().last() == 'upgrade' }.stdin().startsWith('y\n')
        !host.writes()[Path.of('/var/run/jailsh-freebsd-update.ioc-web.conf')].contains('\nMergeChanges')
    }

    def "upgrade web -r 13.3-RELEASE: snapshot, upgrade and install passes, /etc merged, release re-stamped (§4.9)"() {
        given:
        host.conflicts(iocroot.resolve('jails/web/root'), [])

        when:
        def outcome = jails.upgrade('web', '13.3-RELEASE')

        then:
        def with = "$FU_WEB -f /var/run/jailsh-freebsd-update.ioc-web.conf --not-running-from-cron " +
                '--currently-running 13.2-RELEASE -r 13.3-RELEASE'
        step() == [
                'jls --libxo json -v',
                'zfs list -H -t snapshot -o name -r -d 1 tank/iocage/jails/web',
                'zfs snapshot -r tank/iocage/jails/web@ioc_upgrade_DATE',
                'uname -r',
                'cat IOCROOT/jails/web/root/etc/freebsd-update.conf',
                'mount -t devfs devfs IOCROOT/jails/web/root/dev',
                "$with upgrade",
                PENDING,
                "$with install",
                PENDING,
                "$with install",
                PENDING,
                'umount IOCROOT/jails/web/root/dev',
                'rm -f /var/run/jailsh-freebsd-update.ioc-web.conf',
                'test -d IOCROOT/releases/13.3-RELEASE/root/usr/src',
                'etcupdate -F -D IOCROOT/jails/web/root -s IOCROOT/releases/13.3-RELEASE/root/usr/src',
                'etcupdate status -D IOCROOT/jails/web/root',
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/jails/web/root/bin/freebsd-version",
                "grep -m 1 '^USERLAND_VERSION=' IOCROOT/jails/web/root/bin/freebsd-version",
        ]*.toString()
        outcome.summary() == 'web: 13.2-RELEASE-p4 -> 13.3-RELEASE'
        host.userland(iocroot.resolve('jails/web/root')) == '13.3-RELEASE'
        config('web').release == '13.3-RELEASE'
        config('web').cloned_release == '13.2-RELEASE'
        jails.snapshots('web').size() == 3
    }

    def "stop the others: no epair, pf anchor, devfs ruleset, alias or mount is left behind"() {
        when:
        ['dhcp', 'nat', 'shared'].each { jails.stop(it) }

        then:
        step().findAll { it.startsWith('pfctl') || it.startsWith('ifconfig') || it.startsWith('jail ') } == [
                'ifconfig vnet0.2 destroy',
                'jail -q -f /var/run/jail.ioc-dhcp.conf -r ioc-dhcp',
                'pfctl -a jailsh/nat -F all',
                'ifconfig vnet0.3 destroy',
                'jail -q -f /var/run/jail.ioc-nat.conf -r ioc-nat',
                'jail -q -f /var/run/jail.ioc-shared.conf -r ioc-shared',
        ]
        host.jails().isEmpty()
        host.interfaces() == ['lo0', 'em0', 'bridge0']
        host.members('bridge0') == ['em0']
        host.anchors().isEmpty()
        host.rulesets() == [1, 2, 3, 4] as Set
        host.mounts().isEmpty()
        !host.ifconfig(null).contains('192.168.1.20')
        jails.list(false).every { it.state() == 'down' }
    }

    def "destroy every jail: its datasets and origin snapshot go, nothing else (§4.10 without its defects)"() {
        when: 'the template goes after the jail cloned from it'
        ['web', 'bj', 'bj2', 't', 'dhcp', 'tpl', 'nat', 'shared'].each { jails.destroy(it) }

        then:
        step().findAll { it.startsWith('zfs destroy') } == [
                'zfs destroy -r tank/iocage/jails/web',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@web',
                'zfs destroy -r tank/iocage/jails/bj',
                'zfs destroy -r tank/iocage/jails/bj2',
                'zfs destroy -r tank/iocage/jails/t',
                'zfs destroy -r tank/iocage/jails/dhcp',
                'zfs destroy -r tank/iocage/templates/tpl@dhcp',
                'zfs destroy -r tank/iocage/templates/tpl',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@tpl',
                'zfs destroy -r tank/iocage/jails/nat',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@nat',
                'zfs destroy -r tank/iocage/jails/shared',
                'zfs destroy tank/iocage/releases/13.2-RELEASE/root@shared',
        ]
        host.datasets() == ['tank', 'tank/iocage', 'tank/iocage/download', 'tank/iocage/download/13.2-RELEASE',
                            'tank/iocage/download/13.3-RELEASE', 'tank/iocage/images', 'tank/iocage/jails',
                            'tank/iocage/log', 'tank/iocage/releases', 'tank/iocage/releases/13.2-RELEASE',
                            'tank/iocage/releases/13.2-RELEASE/root', 'tank/iocage/releases/13.3-RELEASE',
                            'tank/iocage/releases/13.3-RELEASE/root', 'tank/iocage/templates']
        host.snapshots().isEmpty()
        Files.list(iocroot.resolve('jails')).withCloseable { it.count() } == 0
        Files.list(iocroot.resolve('templates')).withCloseable { it.count() } == 0
        jails.list(true).isEmpty() && jails.list(false).isEmpty()
        !host.lines().any { it.contains('destroy -R') || it.contains('destroy -r -R') }

        and: 'nothing a real pool would refuse; the one known problem is the state root jailsh made before activate'
        host.problems().findAll { !it.contains('mounted over the non-empty directory') }.isEmpty()
    }
}
