package org.jailsh.freebsd

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

import org.jailsh.spi.Command
import org.jailsh.spi.ExecResult
import org.jailsh.spi.JailshException
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.ValidationException
import org.jailsh.spi.exec.DryRunHostExec
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Fetching a release (iocage.md §4.1) from a mirror the spec builds on disk and names with a file: URL; the real
 * mirror is never contacted. tar is a HostExec command answered with canned listings.
 */
class FreeBsdReleaseSpec extends Specification {

    @TempDir
    Path tmp

    FreeBsdHost host = new FreeBsdHost()
    FreeBsdReleaseProvider provider = new FreeBsdReleaseProvider()
    Path mirror
    Path download
    Path root

    def setup() {
        mirror = tmp.resolve('mirror')
        download = tmp.resolve('iocage/download/13.2-RELEASE')
        root = tmp.resolve('iocage/releases/13.2-RELEASE/root')
        publish(['base.txz': 'base system', 'lib32.txz': 'lib32 libraries', 'src.txz': 'sources'])
    }

    /** Puts the files and a MANIFEST with their sha256 into mirror/amd64/13.2-RELEASE. */
    void publish(Map<String, String> files, Map<String, String> manifestOverride = [:]) {
        Path dir = Files.createDirectories(mirror.resolve('amd64/13.2-RELEASE'))
        StringBuilder manifest = new StringBuilder()
        files.each { name, content ->
            Files.writeString(dir.resolve(name), content)
            String sum = manifestOverride[name] ?: sha256(content)
            manifest << "$name\t$sum\t42\t${name - '.txz'}\t\"${name}\"\ton\n"
        }
        Files.writeString(dir.resolve('MANIFEST'), manifest.toString())
    }

    static String sha256(String content) {
        MessageDigest.getInstance('SHA-256').digest(content.bytes).encodeHex().toString()
    }

    ReleaseRequest request(String name = '13.2-RELEASE') {
        new ReleaseRequest(name, mirror.toUri().toString(), null)
    }

    def "a release is downloaded, verified against MANIFEST, listed and extracted"() {
        given:
        host.answers()

        when:
        provider.fetch(request(), download, root, host.ctx())

        then: '§4.1 steps 2-5: MANIFEST base.txz lib32.txz src.txz on amd64'
        host.lines() == [
                'uname -r',
                'uname -m',
                "mkdir -p $root".toString(),
                "tar -tf $download/base.txz".toString(),
                "tar -C $root -xpf $download/base.txz".toString(),
                "tar -tf $download/lib32.txz".toString(),
                "tar -C $root -xpf $download/lib32.txz".toString(),
                "tar -tf $download/src.txz".toString(),
                "tar -C $root -xpf $download/src.txz".toString(),
        ]
        Files.readString(download.resolve('base.txz')) == 'base system'
        Files.exists(download.resolve('MANIFEST'))
        !Files.list(download).anyMatch { it.fileName.toString().endsWith('.part') }
    }

    def "a file that keeps failing its checksum is fetched four times, then the fetch fails"() {
        given:
        publish(['base.txz': 'tampered'], ['base.txz': sha256('base system')])
        host.answers()

        when:
        provider.fetch(request(), download, root, host.ctx())

        then: '§4.1 step 4: up to 4 rounds'
        JailshException e = thrown()
        e.message == 'base.txz does not match its sha256 in MANIFEST after 4 downloads'
        host.infos.count { it.startsWith('downloading ') } == 4
        !host.lines().any { it.startsWith('tar') }
    }

    def "a file missing from MANIFEST is skipped with a warning"() {
        given:
        Files.delete(mirror.resolve('amd64/13.2-RELEASE/MANIFEST'))
        Files.writeString(mirror.resolve('amd64/13.2-RELEASE/MANIFEST'),
                "base.txz\t${sha256('base system')}\t1\tbase\t\"Base\"\ton\n")
        host.answers()

        when:
        provider.fetch(request(), download, root, host.ctx())

        then:
        host.warnings.findAll { it.contains('is not in the MANIFEST') }.size() == 2
        host.lines().count { it.startsWith('tar -C') } == 1
    }

    def "a file already downloaded with the right checksum is not fetched again"() {
        given:
        Files.createDirectories(download)
        Files.writeString(download.resolve('base.txz'), 'base system')
        Files.delete(mirror.resolve('amd64/13.2-RELEASE/base.txz'))
        host.answers()

        when:
        provider.fetch(request(), download, root, host.ctx())

        then:
        !host.infos.any { it.endsWith('/base.txz') }
    }

    def "an archive with an absolute or climbing member is refused before extraction"() {
        given:
        host.exec.answer(['tar', '-tf'], "./bin/\n./bin/sh\n$member\n")
        host.answers()

        when:
        provider.fetch(request(), download, root, host.ctx())

        then:
        JailshException e = thrown()
        e.message == "base.txz contains the unsafe member '$member'; nothing was extracted"
        !host.lines().any { it.startsWith('tar -C') }

        where:
        member << ['../../etc/rc.conf', '/etc/master.passwd', './usr/../../../root/.ssh/authorized_keys']
    }

    def "a dry run downloads nothing and shows where it would have downloaded from"() {
        given:
        def dry = new DryRunHostExec({ Command c ->
            new ExecResult(c, 0, c.argv() == ['uname', '-m'] ? 'arm64\n' : '', '')
        })
        def infos = []
        def ctx = new ProviderContext(dry, host.ctx().facts(), [info: { infos << it }, warn: {}] as org.jailsh.spi.Reporter)

        when:
        provider.fetch(ReleaseRequest.named('13.2-RELEASE'), download, root, ctx)

        then: 'the default mirror, with arm64/aarch64 and no lib32'
        infos == ['dry run: would download MANIFEST base.txz src.txz from ' +
                          'http://download.freebsd.org/ftp/releases/arm64/aarch64/13.2-RELEASE/ into ' + download +
                          ' and check their sha256']
        !Files.exists(download)
        dry.lines().contains("tar -C $root -xpf $download/base.txz".toString())
    }

    def "a release newer than the host is not fetched"() {
        given:
        host.answers()

        when:
        provider.fetch(request('14.1-RELEASE'), download, root, host.ctx())

        then: '§3'
        thrown(ValidationException)
        !Files.exists(download)
    }

    def "only http, https and file mirrors are accepted"() {
        given:
        host.answers()

        when:
        provider.fetch(new ReleaseRequest('13.2-RELEASE', 'ftp://ftp.example/pub/', null), download, root, host.ctx())

        then:
        ValidationException e = thrown()
        e.message == "mirror 'ftp://ftp.example/pub/' is not an http, https or file URL"
    }

    def "the provider handles FreeBSD release names only"() {
        expect:
        provider.handles(new ReleaseRequest(name, url, null)) == handled

        where:
        name              | url                                   | handled
        '13.2-RELEASE'    | null                                  | true
        '14.0-RC1'        | null                                  | true
        '13.2-RELEASE'    | 'http://mirror.example/releases/'     | true
        '13.2-RELEASE-p4' | null                                  | false
        '13.2-RELEASE'    | 'http://example/base.txz'             | false
        'debian-12'       | null                                  | false
        'busybox'         | null                                  | false
    }
}
