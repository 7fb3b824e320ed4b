package org.jailsh.freebsd

import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.testkit.FreeBsdHostExec
import org.jailsh.testkit.RecordingHostExec

/**
 * A recording FreeBSD 13.2 host for specs of one provider call, with canned answers: uname, jls (the jail is down
 * until {@link #running} is called), devfs rulesets 1–4, a default route via em0, {@code ifconfig epair create} naming
 * {@code epair3a}, bridge0 with member em0 at MTU 1500, the host's resolv.conf. Answers match by argv prefix, first
 * given first, so the specific ones are installed before the general ones. Specs of a whole sequence use the testkit's
 * {@link FreeBsdHostExec}, whose answers follow what was done.
 */
class FreeBsdHost {

    static final Path IOCROOT = Path.of('/mnt/tank/iocage')

    /** The testkit's FreeBSD host routes: default via 192.168.1.1 on em0 (and fe80::1%em0). */
    static final String NETSTAT = FreeBsdHostExec.NETSTAT

    /** iocage's defaults (iocage.md §2.2) for the properties the FreeBSD providers read. */
    static final Map<String, Object> DEFAULTS = [
            interfaces: 'vnet0:bridge0', host_domainname: 'none', exec_fib: '0', ip4_addr: 'none', ip6_addr: 'none',
            ip4_saddrsel: 1, ip6_saddrsel: 1, ip4: 'new', ip6: 'new', defaultrouter: 'auto', defaultrouter6: 'auto',
            resolver: '/etc/resolv.conf', mac_prefix: '02a098', vnet0_mac: 'none', vnet1_mac: 'none',
            vnet0_mtu: 'auto', vnet1_mtu: 'auto', vnet_default_mtu: '1500', vnet_default_interface: 'auto',
            vnet_interfaces: 'none', devfs_ruleset: '4', min_dyn_devfs_ruleset: '1000',
            exec_start: '/bin/sh /etc/rc', exec_stop: '/bin/sh /etc/rc.shutdown', exec_prestart: '/usr/bin/true',
            exec_poststart: '/usr/bin/true', exec_prestop: '/usr/bin/true', exec_poststop: '/usr/bin/true',
            exec_created: '/usr/bin/true', exec_clean: 1, exec_timeout: '60', stop_timeout: '30', mount_devfs: 1,
            mount_fdescfs: 1, mount_procfs: 0, mount_linprocfs: 0, enforce_statfs: '2', children_max: '0',
            login_flags: '-f root', securelevel: '2', sysvmsg: 'new', sysvsem: 'new', sysvshm: 'new',
            allow_set_hostname: 1, allow_sysvipc: 0, allow_raw_sockets: 0, allow_chflags: 0, allow_mlock: 0,
            allow_mount: 0, allow_mount_devfs: 0, allow_mount_fdescfs: 0, allow_mount_fusefs: 0,
            allow_mount_nullfs: 0, allow_mount_procfs: 0, allow_mount_tmpfs: 0, allow_mount_zfs: 0,
            allow_quotas: 0, allow_socket_af: 0, allow_vmm: 0, allow_mount_linprocfs: 0, allow_tun: 0,
            cpuset: 'off', type: 'jail', bpf: 0, dhcp: 0, boot: 0, template: 0, hostid_strict_check: 0,
            jail_zfs: 0, vnet: 0, basejail: 0, host_time: 1, rtsold: 0, ip_hostname: 0, assign_localhost: 0,
            nat: 0, nat_prefix: '172.16', nat_interface: 'none', nat_backend: 'ipfw', nat_forwards: 'none',
            release: '13.2-RELEASE-p4', cloned_release: '13.2-RELEASE'] +
            Limits.RCTL.collectEntries { [(it): 'off'] }

    final RecordingHostExec exec = new RecordingHostExec()
    final List<String> infos = []
    final List<String> warnings = []
    final Map<String, String> env = [PATH: '/nonexistent']

    /** A jail as the core hands it over: defaults overlaid with {@code props}, in IOCROOT/jails/NAME. */
    static JailRef jail(String name, Map<String, Object> props = [:]) {
        Path dir = IOCROOT.resolve('jails').resolve(name)
        Map<String, Object> all = new LinkedHashMap<>(DEFAULTS)
        all.host_hostname = name.replace('_', '-')
        all.host_hostuuid = name
        all.putAll(props)
        new JailRef(name, dir, dir.resolve('root'), all)
    }

    /** The same jail in another state root (a spec's temporary IOCROOT on the testkit's FreeBsdHostExec). */
    static JailRef jail(Path iocroot, String name, Map<String, Object> props = [:]) {
        JailRef jail = jail(name, props)
        Path dir = iocroot.resolve('jails').resolve(name)
        new JailRef(name, dir, dir.resolve('root'), jail.properties())
    }

    /** ioc-NAME gets {@code jid} once created (the running check still says it is down). */
    FreeBsdHost jid(String hostName, String jid) {
        exec.answer(['jls', '-j', hostName, 'jid'], "$jid\n")
        this
    }

    /** Marks ioc-NAME as running with {@code jid} (answers installed before the host's defaults win). */
    FreeBsdHost running(String hostName, String jid) {
        exec.answer(['jls', '-j', hostName, 'jid'], "$jid\n")
        exec.answer(['jls', '-j', hostName, 'devfs_ruleset'], '1000\n')
        exec.answer(['jls', '-j', hostName], "   JID  IP Address      Hostname                      Path\n" +
                "     $jid                 ${hostName - 'ioc-'}                          /mnt/tank/iocage/jails/x/root\n")
        this
    }

    /** The host's general answers; call last. */
    FreeBsdHost answers() {
        exec.answer(['uname', '-r'], '13.2-RELEASE-p4\n')
        exec.answer(['uname', '-m'], 'amd64\n')
        exec.answer(['jls', '--libxo', 'json', '-v'], '{"__version": "2", "jail-information": {"jail": []}}')
        exec.answer(['jls', '-j'], 1, '', 'jls: jail not found')
        exec.answer(['devfs', 'rule', 'showsets'], '1\n2\n3\n4\n')
        exec.answer(['netstat', '-r', '-n', '--libxo', 'json'], NETSTAT)
        exec.answer(['ifconfig', 'epair', 'create'], 'epair3a\n')
        exec.answer(['ifconfig', 'bridge0', 'create'], 1, '', 'ifconfig: SIOCIFCREATE2: File exists')
        exec.answer(['ifconfig', 'bridge0'], 'bridge0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 ' +
                'mtu 1500\n\tid 00:00:00:00:00:00 priority 32768\n\tmember: em0 flags=143<LEARNING,DISCOVER>\n')
        exec.answer(['ifconfig', 'em0'], 'em0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 ' +
                'mtu 9000\n\tinet 192.168.1.5 netmask 0xffffff00 broadcast 192.168.1.255\n')
        exec.answer(['cat', '/etc/resolv.conf'], 'nameserver 192.168.1.1\n')
        exec.answer(['pfctl', '-s', 'nat'], "nat-anchor \"jailsh/*\" all\nrdr-anchor \"jailsh/*\" all\n")
        exec.answer(['ifconfig'], 'em0: flags=8843<UP> metric 0 mtu 1500\n\tinet 192.168.1.5 netmask 0xffffff00 ' +
                'broadcast 192.168.1.255\nvnet0.3: flags=8843<UP> metric 0 mtu 1500\n\tinet 172.16.0.1 netmask ' +
                '0xfffffffc broadcast 172.16.0.3\n')
        this
    }

    ProviderContext ctx() {
        new ProviderContext(exec, new HostFacts(Platform.FREEBSD, true, IOCROOT, env), new Reporter() {
            void info(String message) { infos << message }

            void warn(String message) { warnings << message }
        })
    }

    List<String> lines() {
        exec.lines()
    }
}
