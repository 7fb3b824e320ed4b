package org.jailsh.freebsd

import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshException
import org.jailsh.spi.NotFoundException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ValidationException
import spock.lang.Specification

/** freebsd-update, never interactive: update (iocage.md §4.8) and upgrade (§4.9, without its defects, §9). */
class FreeBsdUpdateSpec extends Specification {

    static final String ROOT = '/mnt/tank/iocage/jails/web/root'
    static final String FU = "freebsd-update -b $ROOT -d $ROOT/var/db/freebsd-update/"
    static final String PENDING = "$ROOT/var/db/freebsd-update/" +
            '4e3adc1a7f84d4971808376911427098fc1af20150fc577b05507ff1efc2fd2a-install'

    FreeBsdHost host = new FreeBsdHost()
    FreeBsdUpdateProvider updater = new FreeBsdUpdateProvider()

    def "update fetches and installs patches from the host, with --currently-running as two arguments"() {
        given:
        host.exec.answer(['grep', '-m', '1'], 'USERLAND_VERSION="13.2-RELEASE-p4"\n')
        host.answers()

        when:
        def report = updater.update(FreeBsdHost.jail('web'), host.ctx())

        then: '§4.8 steps 4, 6, 7'
        def conf = "$ROOT/etc/freebsd-update.conf"
        host.lines() == [
                "grep -q '^ServerName' $conf".toString(),
                "grep -m 1 '^USERLAND_VERSION=' $ROOT/bin/freebsd-version".toString(),
                "mount -t devfs devfs $ROOT/dev".toString(),
                "$FU -f $conf --not-running-from-cron --currently-running 13.2-RELEASE fetch".toString(),
                "$FU -f $conf --not-running-from-cron --currently-running 13.2-RELEASE install".toString(),
                "umount $ROOT/dev".toString(),
                "grep -m 1 '^USERLAND_VERSION=' $ROOT/bin/freebsd-version".toString(),
        ]
        def fetch = host.exec.commands()[3]
        fetch.argv().subList(7, 10) == ['--not-running-from-cron', '--currently-running', '13.2-RELEASE']
        fetch.env().PAGER == '/bin/cat'
        fetch.env().UNAME_r == '13.2-RELEASE'
        report == 'web: already at 13.2-RELEASE-p4'
    }

    def "a basejail's update patches its release"() {
        given:
        host.answers()

        when:
        def report = updater.update(FreeBsdHost.jail('web', [basejail: 1]), host.ctx())

        then: '§4.8 step 3'
        host.lines()[3].startsWith('freebsd-update -b /mnt/tank/iocage/releases/13.2-RELEASE/root -d ')
        report.startsWith('release 13.2-RELEASE (shared by its basejails)')
    }

    def "an end-of-life warning and an empty install are not failures"() {
        given:
        host.exec.answer(['freebsd-update', '-b', ROOT], 1,
                "WARNING: FreeBSD 13.2-RELEASE HAS PASSED ITS END-OF-LIFE DATE.\n" +
                        'No updates are available to install.\n', '')
        host.answers()

        when:
        updater.update(FreeBsdHost.jail('web'), host.ctx())

        then:
        notThrown(JailshException)
    }

    def "a failing fetch fails the update (the core then rolls back) and still unmounts devfs"() {
        given:
        host.exec.answer(['freebsd-update'], 1, 'Looking up update.FreeBSD.org mirrors... none found.\n',
                'fetch: transfer timed out')
        host.answers()

        when:
        updater.update(FreeBsdHost.jail('web'), host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'freebsd-update fetch failed (exit 1): fetch: transfer timed out'
        host.lines().contains("umount $ROOT/dev".toString())
    }

    def "a jail without freebsd-update.conf is refused before anything changes"() {
        given:
        host.exec.answer(['grep', '-q'], 1, '', '')
        host.answers()

        when:
        updater.update(FreeBsdHost.jail('web'), host.ctx())

        then:
        thrown(JailshException)
        host.lines().size() == 1
    }

    def "an upgrade runs upgrade and install passes until none is pending, merges /etc, and checks the version"() {
        given:
        host.exec.answer(['cat', "$ROOT/etc/freebsd-update.conf".toString()], '''\
KeyPrint 800651ef4b4c71c27e60786d7b487188970f4b4169cc055784e21eb71d410cc5
ServerName update.FreeBSD.org
Components src world kernel
UpdateIfUnmodified /etc/ /var/ /root/ /.cshrc /.profile
MergeChanges /etc/ /boot/device.hints
''')
        host.exec.answer(['grep', '-m', '1'], 'USERLAND_VERSION="13.3-RELEASE-p1"\n')
        host.answers()
        def exec = new ScriptedExec(host.exec).exits(['test', '-L'], [0, 0, 1])
        def ctx = new ProviderContext(exec, host.ctx().facts(), host.ctx().reporter())

        when:
        def report = updater.upgrade(FreeBsdHost.jail('web'), '13.3-RELEASE', ctx)

        then: '§4.9, non-interactively'
        def conf = '/var/run/jailsh-freebsd-update.ioc-web.conf'
        def with = "$FU -f $conf --not-running-from-cron --currently-running 13.2-RELEASE -r 13.3-RELEASE"
        host.lines() == [
                'uname -r',
                "cat $ROOT/etc/freebsd-update.conf".toString(),
                "mount -t devfs devfs $ROOT/dev".toString(),
                "$with upgrade".toString(),
                "test -L $PENDING".toString(),
                "$with install".toString(),
                "test -L $PENDING".toString(),
                "$with install".toString(),
                "test -L $PENDING".toString(),
                "umount $ROOT/dev".toString(),
                "rm -f $conf".toString(),
                'test -d /mnt/tank/iocage/releases/13.3-RELEASE/root/usr/src',
                "etcupdate -F -D $ROOT -s /mnt/tank/iocage/releases/13.3-RELEASE/root/usr/src".toString(),
                "etcupdate status -D $ROOT".toString(),
                "grep -m 1 '^USERLAND_VERSION=' $ROOT/bin/freebsd-version".toString(),
        ]
        report == 'web: 13.2-RELEASE-p4 -> 13.3-RELEASE-p1'

        and: 'freebsd-update never stops to ask: no kernel, no MergeChanges, answers on stdin, no editor'
        host.exec.writes()[Path.of(conf)] == '''\
KeyPrint 800651ef4b4c71c27e60786d7b487188970f4b4169cc055784e21eb71d410cc5
ServerName update.FreeBSD.org
Components src world
UpdateIfUnmodified /etc/ /var/ /root/ /.cshrc /.profile
# MergeChanges /etc/ /boot/device.hints  (jailsh: /etc is merged by etcupdate after the upgrade)
'''
        def upgrade = host.exec.commands()[3]
        upgrade.stdin().startsWith('y\ny\n')
        upgrade.env().EDITOR == '/usr/bin/false'
        upgrade.argv().containsAll(['--currently-running', '13.2-RELEASE'])
    }

    def "conflicts in /etc fail the upgrade with their names, so the core rolls back"() {
        given:
        host.exec.answer(['cat'], 'ServerName update.FreeBSD.org\n')
        host.exec.answer(['etcupdate', 'status'], '  C /etc/rc.conf\n  C /etc/ssh/sshd_config\n  M /etc/motd\n')
        host.answers()

        when:
        updater.upgrade(FreeBsdHost.jail('web'), '13.3-RELEASE', host.ctx())

        then:
        JailshException e = thrown()
        e.message == 'web: /etc has merge conflicts in /etc/rc.conf, /etc/ssh/sshd_config'
    }

    def "an upgrade that does not reach the release fails"() {
        given:
        host.exec.answer(['cat'], 'ServerName update.FreeBSD.org\n')
        host.exec.answer(['grep', '-m', '1'], 'USERLAND_VERSION="13.2-RELEASE-p4"\n')
        host.answers()

        when:
        updater.upgrade(FreeBsdHost.jail('web'), '13.3-RELEASE', host.ctx())

        then:
        JailshException e = thrown()
        e.message == "web: after the upgrade freebsd-version says '13.2-RELEASE-p4', not 13.3-RELEASE"
    }

    def "upgrades that cannot work are refused before anything runs"() {
        given:
        host.answers()

        when:
        updater.upgrade(FreeBsdHost.jail('web', [release: current]), target, host.ctx())

        then:
        ValidationException e = thrown()
        e.message.startsWith(message)
        !host.lines().any { it.startsWith('freebsd-update') }

        where:
        current           | target         | message
        '13.2-RELEASE-p4' | '13.2-RELEASE' | 'web is already at 13.2-RELEASE-p4'
        '13.2-RELEASE-p4' | '14.1-RELEASE' | 'web: the host runs 13.2-RELEASE-p4, older than release 14.1-RELEASE'
        '13.2-RELEASE-p4' | '13.1-RELEASE' | 'web: 13.1-RELEASE is older than 13.2-RELEASE-p4'
        '13.2-RELEASE-p4' | 'latest'       | "'latest' is not a FreeBSD release"
    }

    def "a basejail upgrade points its mounts at the new release and merges only /etc"() {
        given:
        host.exec.answer(['cat', '/mnt/tank/iocage/jails/web/fstab'],
                '/mnt/tank/iocage/releases/13.2-RELEASE/root/bin\t/mnt/tank/iocage/jails/web/root/bin\tnullfs\tro\t0\t0\n' +
                        '/mnt/tank/media\t/mnt/tank/iocage/jails/web/root/media\tnullfs\tro\t0\t0\n')
        host.exec.answer(['grep', '-m', '1'], 'USERLAND_VERSION="13.3-RELEASE"\n')
        host.answers()

        when:
        def report = updater.upgrade(FreeBsdHost.jail('web', [basejail: 1]), '13.3-RELEASE', host.ctx())

        then: '§4.9 basejail'
        host.lines() == [
                'uname -r',
                'test -d /mnt/tank/iocage/releases/13.3-RELEASE/root/usr/src',
                'cat /mnt/tank/iocage/jails/web/fstab',
                "etcupdate -F -D $ROOT -s /mnt/tank/iocage/releases/13.3-RELEASE/root/usr/src".toString(),
                "etcupdate status -D $ROOT".toString(),
                "mkdir -p $ROOT/var/spool/mqueue".toString(),
                "grep -m 1 '^USERLAND_VERSION=' /mnt/tank/iocage/releases/13.3-RELEASE/root/bin/freebsd-version",
        ]
        host.exec.writes()[Path.of('/mnt/tank/iocage/jails/web/fstab')] ==
                '/mnt/tank/iocage/releases/13.3-RELEASE/root/bin\t/mnt/tank/iocage/jails/web/root/bin\tnullfs\tro\t0\t0\n' +
                '/mnt/tank/media\t/mnt/tank/iocage/jails/web/root/media\tnullfs\tro\t0\t0\n'
        report == 'web: 13.2-RELEASE-p4 -> 13.3-RELEASE; restart it to use the new release\'s mounts'
    }

    def "a basejail upgrade needs the new release's sources"() {
        given:
        host.exec.answer(['test', '-d'], 1, '', '')
        host.answers()

        when:
        updater.upgrade(FreeBsdHost.jail('web', [basejail: 1]), '13.3-RELEASE', host.ctx())

        then:
        NotFoundException e = thrown()
        e.hint().startsWith('fetch -r 13.3-RELEASE first')
    }

    def "the installed release is freebsd-version's USERLAND_VERSION, read as text; a basejail's is its release's"() {
        given:
        host.exec.answer(['grep', '-m', '1', '^USERLAND_VERSION=', "$ROOT/bin/freebsd-version".toString()],
                'USERLAND_VERSION="13.2-RELEASE-p4"\n')
        host.exec.answer(['grep', '-m', '1', '^USERLAND_VERSION=',
                          '/mnt/tank/iocage/releases/13.3-RELEASE/root/bin/freebsd-version'],
                'USERLAND_VERSION="13.3-RELEASE-p1"\n')
        host.answers()

        expect: 'after an upgrade the core asks with release already set to the new one'
        updater.installedRelease(FreeBsdHost.jail('web'), host.ctx()) == '13.2-RELEASE-p4'
        updater.installedRelease(FreeBsdHost.jail('web', [basejail: 1, release: '13.3-RELEASE']), host.ctx()) ==
                '13.3-RELEASE-p1'
        updater.installedRelease(FreeBsdHost.jail('other'), host.ctx()) == null
        host.lines().every { it.startsWith("grep -m 1 '^USERLAND_VERSION=' ") }
    }

    def "only FreeBSD releases of real jails are handled"() {
        expect:
        updater.handles(FreeBsdHost.jail('web', props)) == handled

        where:
        props                              | handled
        [:]                                | true
        [release: 'EMPTY']                 | false
        [release: 'debian-12']             | false
        [template: 1]                      | false
    }
}
