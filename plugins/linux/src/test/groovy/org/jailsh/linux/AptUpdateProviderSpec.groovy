package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.JailshException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

class AptUpdateProviderSpec extends Specification {

    @TempDir
    Path tmp

    RecordingHostExec exec = new RecordingHostExec()
    FakeHostView host = new FakeHostView()
    AptUpdateProvider apt = new AptUpdateProvider(host)

    def cleanup() {
        Sandbox.removeLinks(tmp)
    }

    ProviderContext ctx() {
        new ProviderContext(exec, new HostFacts(Platform.LINUX, true, tmp, [:]), Reporter.SILENT)
    }

    JailRef jail() {
        Path dir = Files.createDirectories(tmp.resolve('jails/deb'))
        new JailRef('deb', dir, dir.resolve('root'), [:])
    }

    void running(JailRef j) {
        Files.writeString(j.dir().resolve('.jailsh-run'), '4242 777\n')
        host.processes[4242L] = 777L
    }

    def "it handles jails whose root, or any layer of it, has apt-get"() {
        given:
        def deb = jail()
        def bin = Files.createDirectories(tmp.resolve('releases/debian-12/root/usr/bin'))
        Files.createDirectories(deb.dir().resolve('overlay/upper'))
        Files.writeString(deb.dir().resolve('overlay/lower'), bin.parent.parent.toString() + '\n')

        expect:
        !apt.handles(deb)

        when:
        Files.writeString(bin.resolve('apt-get'), '')

        then:
        apt.handles(deb)
    }

    def "update runs apt-get inside the running jail, non-interactively, and says what changed"() {
        given:
        def deb = jail()
        running(deb)
        exec.answer(['nsenter'], 0, '3 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\n', '')

        when:
        def report = apt.update(deb, ctx())

        then:
        report == '3 packages upgraded, 1 newly installed'
        exec.lines()*.replaceAll(/.* LOGNAME=root /, '') == ['apt-get update',
                'DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confdef ' +
                        '-o Dpkg::Options::=--force-confold upgrade']
        exec.lines().every { it.startsWith('nsenter --target 4242 --mount') }
    }

    def "update reports progress from apt's output: the summary gives the total, unpacking and setting up step"() {
        given:
        def deb = jail()
        running(deb)
        exec.answer(['nsenter'], 0, '''Reading package lists...
1 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.
Unpacking libc6 (2.36-9+deb12u4) over (2.36-9+deb12u3) ...
Unpacking tzdata (2024a-0+deb12u1) ...
Setting up libc6 (2.36-9+deb12u4) ...
Setting up tzdata (2024a-0+deb12u1) ...
''', '')
        List<List<Object>> steps = []
        Reporter reporter = new Reporter() {
            void info(String message) { }
            void warn(String message) { }
            void progress(String task, long done, long total) { steps << [task, done, total] }
        }

        when:
        apt.update(deb, new ProviderContext(exec, new HostFacts(Platform.LINUX, true, tmp, [:]), reporter))

        then:
        steps == [['update deb', 0L, -1L], ['update deb', 0L, 4L], ['update deb', 1L, 4L], ['update deb', 2L, 4L],
                  ['update deb', 3L, 4L], ['update deb', 4L, 4L], ['update deb', 4L, 4L]]
    }

    def "nothing to upgrade is said so"() {
        expect:
        AptUpdateProvider.report(new ExecResult(Command.of('x'), 0, '0 upgraded, 0 newly installed, 0 to remove', '')) ==
                'nothing to update'
    }

    def "a stopped jail is not updated"() {
        when:
        apt.update(jail(), ctx())

        then:
        def e = thrown(JailshException)
        e.userMessage() == 'deb is not running; apt runs inside the jail; start it first: start deb'
    }

    def "upgrade switches the suite in the jail's apt sources, then dist-upgrades"() {
        given:
        def deb = jail()
        running(deb)
        host.jailFiles['/etc/os-release'] = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_CODENAME=bookworm\n'

        when:
        def report = apt.upgrade(deb, 'debian-13', ctx())

        then:
        report.startsWith('bookworm -> trixie: ')
        exec.commands()[0].argv()[-6..-1] == ['/bin/sh', '-c', AptUpdateProvider.SWITCH_SUITE, 'jailsh-suite',
                                              'bookworm', 'trixie']
        exec.lines()[-1].endsWith('dist-upgrade')
    }
}
