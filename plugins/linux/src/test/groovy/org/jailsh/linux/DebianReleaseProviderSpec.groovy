package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.spi.ValidationException
import org.jailsh.testkit.RecordingHostExec
import org.jailsh.testkit.TempTrees
import spock.lang.Specification
import spock.lang.TempDir

/** The debian release: debootstrap from the host's mirror once, then the cached root for every later fetch. */
class DebianReleaseProviderSpec extends Specification {

    @TempDir
    Path tmp

    def cleanup() {
        TempTrees.remove(tmp)
    }

    DebianReleaseProvider provider() {
        new DebianReleaseProvider(tmp.resolve('cache'), tmp.resolve('apt'))
    }

    ProviderContext ctx(def exec, boolean root = true) {
        new ProviderContext(exec, new HostFacts(Platform.LINUX, root, tmp, [PATH: '/usr/bin:/bin']), Reporter.SILENT)
    }

    Path sources(String file, String text) {
        Files.createDirectories(tmp.resolve('apt').resolve(file).parent)
        Files.writeString(tmp.resolve('apt').resolve(file), text)
    }

    def "it knows #name by its number and its suite name"() {
        expect:
        provider().handles(ReleaseRequest.named(name)) == handled

        where:
        name        | handled
        'debian-12' | true
        'bookworm'  | true
        'Debian-13' | true
        'trixie'    | true
        'busybox'   | false
        'debian-11' | false
    }

    def "a release with a URL is the archive provider's, not this one's"() {
        expect:
        !provider().handles(new ReleaseRequest('debian-12', 'https://example.org/root.tar', 'ab'))
    }

    def "the first fetch debootstraps from the host's mirror, keeps a tar of the root, and renames it into place"() {
        given:
        sources('sources.list', '# comment\ndeb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ' +
                'http://mirror.example.org/debian bookworm main\n')
        def exec = new RecordingHostExec()
        Path root = tmp.resolve('releases/debian-12/root')
        Path partial = tmp.resolve('releases/debian-12/.root.partial')
        Path cache = tmp.resolve('cache/bookworm.tar')

        when:
        provider().fetch(ReleaseRequest.named('debian-12'), tmp.resolve('download/debian-12'), root, ctx(exec))

        then:
        exec.lines() == [
                "rm -rf --one-file-system -- ${partial}",
                "mkdir -p -- ${partial}",
                "debootstrap --variant=minbase bookworm ${partial} http://mirror.example.org/debian",
                "mkdir -p -- ${tmp.resolve('cache')}",
                "tar --numeric-owner --xattrs -cpf ${tmp.resolve('cache/.bookworm.tar.tmp')} -C ${partial} .",
                "mv -f -- ${tmp.resolve('cache/.bookworm.tar.tmp')} ${cache}",
                "mv -T -- ${partial} ${root}"]*.toString()
    }

    def "a later fetch unpacks the cached root instead: no debootstrap, no download"() {
        given:
        Files.createDirectories(tmp.resolve('cache'))
        Files.writeString(tmp.resolve('cache/trixie.tar'), 'a tar')
        def exec = new RecordingHostExec()
        Path root = tmp.resolve('releases/trixie/root')
        Path partial = tmp.resolve('releases/trixie/.root.partial')

        when:
        provider().fetch(ReleaseRequest.named('trixie'), tmp.resolve('download/trixie'), root, ctx(exec))

        then:
        exec.lines() == [
                "rm -rf --one-file-system -- ${partial}",
                "mkdir -p -- ${partial}",
                "tar --numeric-owner --xattrs --verbose -xpf ${tmp.resolve('cache/trixie.tar')} -C ${partial}",
                "mv -T -- ${partial} ${root}"]*.toString()
    }

    def "a release that is there already is not fetched over"() {
        given:
        Path root = Files.createDirectories(tmp.resolve('releases/debian-12/root'))

        when:
        provider().fetch(ReleaseRequest.named('debian-12'), tmp.resolve('download'), root, ctx(new RecordingHostExec()))

        then:
        ValidationException e = thrown()
        e.message == "release debian-12 is already fetched (${root})".toString()
    }

    def "the mirror comes from #where, else deb.debian.org"() {
        given:
        if (file) {
            sources(file, text)
        }

        expect:
        DebianMirror.of(tmp.resolve('apt')) == mirror

        where:
        where                            | file                              | text                                                                   || mirror
        'a deb line'                     | 'sources.list'                    | 'deb http://ftp.de.debian.org/debian/ bookworm main\n'                 || 'http://ftp.de.debian.org/debian'
        'a deb822 file'                  | 'sources.list.d/debian.sources'   | 'Types: deb\nURIs: https://deb.example.net/debian\nSuites: bookworm\n' || 'https://deb.example.net/debian'
        'nowhere: only security updates' | 'sources.list'                    | 'deb http://security.debian.org/debian-security bookworm-security main\n' || 'http://deb.debian.org/debian'
        'nowhere: no file'               | null                              | null                                                                   || 'http://deb.debian.org/debian'
    }

    def "without root, or without debootstrap, the probe says why"() {
        expect:
        provider().probe(new HostFacts(Platform.LINUX, false, tmp, [PATH: '/nonexistent'])).reason() ==
                'debootstrap needs root (a Debian root has files of many owners)'
        !provider().probe(new HostFacts(Platform.FREEBSD, true, tmp, [:])).available()
    }
}
