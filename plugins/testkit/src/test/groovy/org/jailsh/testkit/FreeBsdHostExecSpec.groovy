package org.jailsh.testkit

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.Command
import spock.lang.Specification

/** The fake FreeBSD host answers consistently with what was done to it, and never touches anything outside IOCROOT. */
class FreeBsdHostExecSpec extends Specification {

    Path tmp
    Path iocroot
    FreeBsdHostExec host

    def setup() {
        tmp = Files.createTempDirectory('jailsh-fake-freebsd')
        iocroot = tmp.resolve('iocage')
        host = new FreeBsdHostExec(iocroot)
    }

    def cleanup() {
        TempTrees.remove(tmp)
    }

    def run(String... argv) {
        host.run(Command.of(argv))
    }

    void iocage() {
        assert run('zfs', 'create', '-o', "mountpoint=$iocroot", 'tank/iocage').ok()
        ['jails', 'releases'].each { assert run('zfs', 'create', "tank/iocage/$it").ok() }
        assert run('zfs', 'create', '-p', 'tank/iocage/releases/13.2-RELEASE/root').ok()
        Files.writeString(iocroot.resolve('releases/13.2-RELEASE/root/marker'), 'from the release')
    }

    def "a clone appears in the scoped listing and on disk with its snapshot's files"() {
        given:
        iocage()

        when:
        run('zfs', 'snapshot', 'tank/iocage/releases/13.2-RELEASE/root@web')
        def cloned = run('zfs', 'clone', '-p', 'tank/iocage/releases/13.2-RELEASE/root@web', 'tank/iocage/jails/web/root')
        def listing = run('zfs', 'list', '-H', '-o', 'name,mountpoint,origin,exec', '-r', '-t', 'filesystem',
                'tank/iocage')

        then:
        cloned.ok()
        listing.stdout().contains("tank/iocage/jails/web\t$iocroot/jails/web\t-\ton\n")
        listing.stdout().contains("tank/iocage/jails/web/root\t$iocroot/jails/web/root\t" +
                "tank/iocage/releases/13.2-RELEASE/root@web\ton\n")
        Files.readString(iocroot.resolve('jails/web/root/marker')) == 'from the release'

        and: 'the release cannot go while the clone depends on it; -R is not modelled at all'
        run('zfs', 'destroy', 'tank/iocage/releases/13.2-RELEASE/root@web').stderr()
                .startsWith("cannot destroy 'tank/iocage/releases/13.2-RELEASE/root@web': snapshot has dependent clones")
        run('zfs', 'destroy', '-R', 'tank/iocage/releases').exitCode() == 127
    }

    def "a missing dataset is zfs's error, and an existing one cannot be created twice"() {
        given:
        iocage()

        expect:
        run('zfs', 'list', '-H', '-o', 'name,mountpoint', '-t', 'filesystem', 'tank/iocage', 'other/iocage').with {
            exitCode() == 1 && stdout() == "tank/iocage\t$iocroot\n" &&
                    stderr() == "cannot open 'other/iocage': dataset does not exist\n"
        }
        run('zfs', 'create', 'tank/iocage/jails').stderr() == "cannot create 'tank/iocage/jails': dataset already exists\n"
        run('zfs', 'create', 'tank/iocage/a/b').stderr() == "cannot create 'tank/iocage/a/b': parent does not exist\n"
    }

    def "rollback restores the files of the snapshot"() {
        given:
        iocage()
        Path marker = iocroot.resolve('releases/13.2-RELEASE/root/marker')
        run('zfs', 'snapshot', '-r', 'tank/iocage/releases/13.2-RELEASE@before')
        Files.writeString(marker, 'changed')

        when:
        def back = run('zfs', 'rollback', '-r', 'tank/iocage/releases/13.2-RELEASE/root@before')

        then:
        back.ok()
        Files.readString(marker) == 'from the release'
    }

    def "epairs are numbered by the kernel, jails come and go with their JIDs"() {
        given:
        iocage()
        run('zfs', 'create', '-p', 'tank/iocage/jails/web/root')
        host.writeFile(Path.of('/var/run/jail.ioc-web.conf'), """"ioc-web" {
\tvnet;
\thost.hostname = "web";
\tpath = "$iocroot/jails/web/root";
\tdevfs_ruleset = "4";
\tpersist;
}
""")

        expect:
        run('ifconfig', 'epair', 'create').stdout() == 'epair0a\n'
        run('ifconfig', 'epair', 'create').stdout() == 'epair1a\n'
        run('jls', '-j', 'ioc-web').exitCode() == 1
        run('jexec', 'ioc-web', 'hostname').stderr() == 'jexec: jail "ioc-web" not found\n'
        run('jail', '-f', '/var/run/jail.ioc-web.conf', '-c').ok()
        run('jls', '-j', 'ioc-web', 'jid').stdout() == '1\n'
        run('jls', '--libxo', 'json', '-v').stdout().contains('"jid": 1, "hostname": "web"')
        run('ifconfig', 'epair0b', 'vnet', 'ioc-web').ok()
        !host.interfaces().contains('epair0b')
        run('jexec', 'ioc-web', 'ifconfig', 'epair0b', '192.168.1.10/24', 'alias').ok()
        host.ifconfig('ioc-web').contains('inet 192.168.1.10 netmask 0xffffff00')
        run('ifconfig', 'epair0a', 'destroy').ok()
        host.ifconfig('ioc-web') == ''
        run('jail', '-q', '-f', '/var/run/jail.ioc-web.conf', '-r', 'ioc-web').ok()
        host.jails().isEmpty()
        !Files.exists(Path.of('/var/run/jail.ioc-web.conf'))
    }

    def "freebsd-update changes what freebsd-version says; an upgrade needs answers on stdin"() {
        given:
        iocage()
        Path root = iocroot.resolve('releases/13.2-RELEASE/root')
        Path download = Files.createDirectories(iocroot.resolve('download/13.2-RELEASE'))
        Files.writeString(download.resolve('base.txz'), 'base')
        run('tar', '-C', root.toString(), '-xpf', download.resolve('base.txz').toString())
        def fu = ['freebsd-update', '-b', root.toString(), '-d', "$root/var/db/freebsd-update/".toString(), '-f',
                  "$root/etc/freebsd-update.conf".toString(), '--not-running-from-cron', '--currently-running',
                  '13.2-RELEASE']

        expect:
        host.userland(root) == '13.2-RELEASE'
        host.run(Command.of(fu + ['fetch'])).ok()
        host.run(Command.of(fu + ['install'])).ok()
        host.userland(root) == '13.2-RELEASE-p4'
        host.run(Command.of(fu + ['-r', '13.3-RELEASE', 'upgrade'])).stderr().contains('would wait for an answer')
        host.run(Command.of(fu.findAll { it != '--not-running-from-cron' } + ['fetch'])).exitCode() == 1
    }

    def "writes land below IOCROOT for real, elsewhere in memory; a read-only dataset refuses them"() {
        given:
        iocage()
        run('zfs', 'create', '-p', 'tank/iocage/jails/web/root')

        when:
        host.writeFile(iocroot.resolve('jails/web/root/etc/resolv.conf'), 'nameserver 192.168.1.1\n')
        host.writeFile(Path.of('/var/run/jailsh-fake-host-test.conf'), 'kept in memory')

        then:
        Files.readString(iocroot.resolve('jails/web/root/etc/resolv.conf')) == 'nameserver 192.168.1.1\n'
        !Files.exists(Path.of('/var/run/jailsh-fake-host-test.conf'))
        host.file(Path.of('/var/run/jailsh-fake-host-test.conf')) == 'kept in memory'

        when: 'the dataset becomes read-only and someone writes into it anyway'
        run('zfs', 'set', 'readonly=on', 'tank/iocage/jails/web')
        Files.writeString(iocroot.resolve('jails/web/config.json'), '{}')

        then:
        host.problems() == ['tank/iocage/jails/web: config.json was written while the dataset is readonly=on']

        when:
        host.writeFile(iocroot.resolve('jails/web/root/etc/hosts'), '')

        then:
        UncheckedIOException e = thrown()
        e.message.contains('Read-only file system')
    }

    def "nothing outside IOCROOT is changed, and an unknown command fails"() {
        expect:
        run('mkdir', '-p', '/nonexistent-jailsh-fake/x').ok()
        !Files.exists(Path.of('/nonexistent-jailsh-fake'))
        run('rm', '-f', '/etc/hostname').ok()
        run('ln', '-s', '/etc', "$iocroot/link".toString()).ok()
        !Files.exists(iocroot.resolve('link'))
        run('shutdown', '-p', 'now').exitCode() == 127
    }
}
