package org.jailsh.linux

import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.linux.internal.ElfFiles
import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.spi.ValidationException
import org.jailsh.spi.exec.DryRunHostExec
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

class BusyboxReleaseProviderSpec extends Specification {

    static final String LIST = 'bin/busybox\nlinuxrc\nbin/sh\nbin/ls\nsbin/init\nusr/bin/env\nusr/bin/[\nusr/sbin/chroot\n'

    @TempDir
    Path tmp

    def cleanup() {
        Sandbox.removeLinks(tmp)
    }

    ProviderContext ctx(def exec) {
        new ProviderContext(exec, new HostFacts(Platform.LINUX, true, tmp, [PATH: '/usr/bin:/bin']), Reporter.SILENT)
    }

    /** A 64-bit little-endian ELF header and one program header: PT_INTERP (3) when dynamic, PT_LOAD (1) otherwise. */
    Path elf(String name, boolean dynamic) {
        def bytes = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN)
        bytes.put([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1] as byte[])
        bytes.putLong(0x20, 64).putShort(0x36, (short) 56).putShort(0x38, (short) 1)
        bytes.putInt(64, dynamic ? 3 : 1)
        Files.write(tmp.resolve(name), bytes.array())
    }

    def "a static busybox is told apart from a dynamic one and from anything else"() {
        expect:
        ElfFiles.isStatic(elf('static', false))
        !ElfFiles.isStatic(elf('dynamic', true))
        !ElfFiles.isStatic(Files.writeString(tmp.resolve('script'), '#!/bin/sh\n'))
        !ElfFiles.isStatic(tmp.resolve('missing'))
    }

    def "a static busybox on the host is used as is, nothing is downloaded"() {
        given:
        def busybox = elf('busybox', false)
        def exec = new RecordingHostExec().answer([busybox.toString(), '--list-full'], LIST)
                .answer([busybox.toString(), '--help'], 'BusyBox v1.35.0 (Debian 1:1.35.0-4) multi-call binary.\n')
        def root = tmp.resolve('releases/busybox/root')

        when:
        new BusyboxReleaseProvider([elf('dynamic', true), busybox]).fetch(ReleaseRequest.named('busybox'),
                tmp.resolve('download/busybox'), root, ctx(exec))

        then:
        def partial = tmp.resolve('releases/busybox/.root.partial')
        !exec.lines().any { it.startsWith('apt-get') || it.startsWith('dpkg-deb') }
        exec.lines().contains("install -m 0755 -- $busybox $partial/bin/busybox".toString())
        exec.writes()[partial.resolve('etc/jailsh-release')] == 'NAME=busybox\nVERSION=1.35.0\n'
        exec.lines()[-1] == "mv -T -- $partial $root".toString()
    }

    def "without one, busybox-static is downloaded into the release's download directory and unpacked there"() {
        given:
        def download = tmp.resolve('download/busybox')
        def busybox = "$download/busybox-static/bin/busybox".toString()
        def exec = new DryRunHostExec({ Command c ->
            new ExecResult(c, 0, c.argv() == [busybox, '--list-full'] ? LIST : '', '') })

        when:
        new BusyboxReleaseProvider([]).fetch(ReleaseRequest.named('busybox'), download,
                tmp.resolve('releases/busybox/root'), ctx(exec))

        then:
        exec.lines()[0..3] == ["mkdir -p -- $download".toString(), 'apt-get download busybox-static',
                               "dpkg-deb -x $download/busybox-static.deb $download/busybox-static".toString(),
                               "$busybox --list-full".toString()]
    }

    def "apt-get runs in the download directory, and a failed download says what to do"() {
        given:
        def exec = new RecordingHostExec().answer(['apt-get'], 100, '', 'E: Unable to locate package busybox-static')

        when:
        new BusyboxReleaseProvider([]).fetch(ReleaseRequest.named('busybox'), tmp.resolve('download/busybox'),
                tmp.resolve('releases/busybox/root'), ctx(exec))

        then:
        def e = thrown(JailshException)
        e.userMessage().contains("run 'apt-get update'")
        exec.commands().find { it.argv()[0] == 'apt-get' }.workDir() == tmp.resolve('download/busybox')
    }

    def "each applet is one relative link, made in one process per directory, each directory a step of progress"() {
        given:
        def exec = new RecordingHostExec()
        List<List<Object>> steps = []
        Reporter reporter = new Reporter() {
            void info(String message) { }
            void warn(String message) { }
            void progress(String task, long done, long total) { steps << [task, done, total] }
        }

        when:
        BusyboxRootfs.build(tmp.resolve('root'), Path.of('/bin/busybox'), LIST.readLines(), '1.35.0', exec, reporter)

        then:
        def links = exec.commands().findAll { it.argv()[2] == BusyboxRootfs.LINKS }*.argv()*.drop(4)
        links == [["$tmp/root/bin".toString(), 'busybox', 'sh', 'ls'],
                  ["$tmp/root/sbin".toString(), '../bin/busybox', 'init'],
                  ["$tmp/root/usr/bin".toString(), '../../bin/busybox', 'env', '['],
                  ["$tmp/root/usr/sbin".toString(), '../../bin/busybox', 'chroot']]
        steps == [['link applets', 2L, 6L], ['link applets', 3L, 6L], ['link applets', 5L, 6L],
                  ['link applets', 6L, 6L]]
    }

    def "odd lines in the applet list never place a link outside the four directories"() {
        expect:
        BusyboxRootfs.byDirectory([line]).isEmpty()

        where:
        line << ['../etc/passwd', '/etc/passwd', 'bin/../x', 'bin/..', 'linuxrc', 'bin/busybox', 'usr/lib/x', 'bin/a b']
    }

    def "the root gets users, groups, hosts and the rc scripts that exec_start and exec_stop run"() {
        given:
        def exec = new RecordingHostExec()

        when:
        BusyboxRootfs.build(tmp.resolve('root'), Path.of('/bin/busybox'), [], '1.35.0', exec, Reporter.SILENT)

        then:
        def files = exec.writes().collectEntries { k, v -> [(tmp.resolve('root').relativize(k).toString()): v] }
        files.keySet() == ['etc/passwd', 'etc/group', 'etc/shadow', 'etc/hostname', 'etc/hosts', 'etc/profile',
                           'etc/rc', 'etc/rc.shutdown', 'etc/jailsh-release'] as Set
        files['etc/passwd'].startsWith('root:x:0:0:root:/root:/bin/sh\n')
        files['etc/group'].contains('wheel:x:10:root\n')
        files['etc/group'].contains('adm:x:4:\n')
        exec.lines().contains("chmod 1777 -- $tmp/root/tmp $tmp/root/var/tmp".toString())
        exec.lines().contains("chmod 0755 -- $tmp/root/etc/rc $tmp/root/etc/rc.shutdown".toString())
    }

    def "a release that is already fetched is not fetched over"() {
        given:
        def root = Files.createDirectories(tmp.resolve('releases/busybox/root/bin')).parent

        when:
        new BusyboxReleaseProvider([]).fetch(ReleaseRequest.named('busybox'), tmp.resolve('download/busybox'),
                root, ctx(new RecordingHostExec()))

        then:
        thrown(ValidationException)
    }

    def "it fetches busybox by name, nothing else"() {
        expect:
        new BusyboxReleaseProvider().handles(request) == handled

        where:
        request                                                         || handled
        ReleaseRequest.named('busybox')                                 || true
        ReleaseRequest.named('BusyBox')                                 || true
        ReleaseRequest.named('debian-12')                               || false
        new ReleaseRequest('busybox', 'https://example.org/x.tar', 'ab') || false
    }

    def "the version comes from busybox's own banner"() {
        expect:
        BusyboxReleaseProvider.version(new ExecResult(Command.of('x'), 0, banner, '')) == version

        where:
        banner                                                              || version
        'BusyBox v1.36.1 (2023-06-10) multi-call binary.\nUsage: busybox\n' || '1.36.1'
        ''                                                                  || 'unknown'
    }
}
