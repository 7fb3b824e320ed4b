package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailshException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.spi.ValidationException
import org.jailsh.spi.exec.DryRunHostExec
import org.jailsh.spi.exec.LocalHostExec
import spock.lang.Requires
import spock.lang.Specification

/**
 * Archive releases against the host's real tar and a local HTTP server on 127.0.0.1. Archives with hostile members
 * are written in memory ({@link TarBuilder}), so no link to a host path ever exists on disk. Not @TempDir: the state
 * root is removed with {@code rm -rf --one-file-system} after checking that nothing is mounted under it.
 */
class ArchiveReleaseProviderSpec extends Specification {

    Path base
    HttpServer server
    ExecutorService threads = Executors.newCachedThreadPool()
    Map<String, byte[]> served = [:]
    List<String> requests = Collections.synchronizedList([])
    /** path -> how many of its next responses stop halfway (connection closed) */
    Map<String, Integer> cuts = [:]
    /** paths whose next response sends half, then nothing for 3 s */
    Set<String> stalls = []
    List<Long> pauses = []
    List<String> infos = []
    List<String> warnings = []
    List<List<Object>> progress = []
    ArchiveReleaseProvider provider = new ArchiveReleaseProvider({ long ms -> pauses << ms } as JailStopper.Pause,
            2000)

    def setup() {
        base = Files.createTempDirectory('jailsh-archive-')
        server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
        server.createContext('/', { HttpExchange ex -> serve(ex) })
        server.executor = threads
        server.start()
    }

    def cleanup() {
        server?.stop(0)
        threads.shutdownNow()
        Sandbox.removeLinks(base)
        assert new File('/proc/self/mountinfo').readLines().every { !it.contains(base.toString()) }
        sh('rm', '-rf', '--one-file-system', '--', base.toString())
    }

    void serve(HttpExchange ex) {
        String path = ex.requestURI.path
        String range = ex.requestHeaders.getFirst('Range')
        requests << "$path ${range ?: 'all'}".toString()
        byte[] data = served[path]
        if (data == null) {
            ex.sendResponseHeaders(404, -1)
            ex.close()
            return
        }
        int from = range ? Integer.parseInt(range.replaceAll(/^bytes=(\d+)-.*$/, '$1')) : 0
        if (from > 0) {
            ex.responseHeaders.add('Content-Range', "bytes $from-${data.length - 1}/$data.length")
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, data.length - from)
        if (cuts.getOrDefault(path, 0) > 0 || stalls.contains(path)) {
            cuts[path] = cuts.getOrDefault(path, 0) - 1
            ex.responseBody.write(data, from, (data.length - from).intdiv(2))
            ex.responseBody.flush()
            if (stalls.remove(path)) {
                Thread.sleep(3000)
            }
            throw new IOException('connection cut by the spec') // HttpServer closes the connection
        }
        ex.responseBody.write(data, from, data.length - from)
        ex.close()
    }

    static String sh(String... argv) {
        def process = new ProcessBuilder(argv).redirectErrorStream(true).start()
        String out = process.inputStream.text
        assert process.waitFor() == 0: "${argv.join(' ')}: $out"
        out
    }

    static String sha256(byte[] data) {
        MessageDigest.getInstance('SHA-256').digest(data).encodeHex().toString()
    }

    ProviderContext ctx(boolean root = true, def exec = new LocalHostExec({})) {
        def reporter = new Reporter() {
            void info(String message) { infos << message }

            void warn(String message) { warnings << message }

            void progress(String task, long done, long total) { progress << [task, done, total] }
        }
        new ProviderContext(exec, new HostFacts(Platform.LINUX, root, base, System.getenv()), reporter)
    }

    String url(String path) {
        "http://127.0.0.1:$server.address.port$path"
    }

    Path release(String name) {
        base.resolve("releases/$name/root")
    }

    void fetch(String name, String url, String sha, ProviderContext context = ctx()) {
        provider.fetch(new ReleaseRequest(name, url, sha), base.resolve("download/$name"), release(name), context)
    }

    /** A small root made with the host's tar: modes, a relative symlink, a hard link, 3 MiB of incompressible data. */
    byte[] rootfs(String name, String... compression) {
        Path src = base.resolve('src')
        if (!Files.exists(src)) {
            Files.createDirectories(src.resolve('etc'))
            Files.createDirectories(src.resolve('bin'))
            Files.createDirectories(src.resolve('usr/share'))
            Files.createDirectories(src.resolve('home/user'))
            Files.writeString(src.resolve('etc/hostname'), 'archived\n')
            Files.writeString(src.resolve('bin/tool'), '#!/bin/sh\necho tool\n')
            sh('chmod', '0755', src.resolve('bin/tool').toString())
            Sandbox.link(base, src.resolve('bin/alias'), 'tool')
            Files.createLink(src.resolve('usr/hard'), src.resolve('etc/hostname'))
            Files.createDirectories(src.resolve('tmp'))
            sh('chmod', '1777', src.resolve('tmp').toString())
            byte[] noise = new byte[3 << 20]
            new Random(7).nextBytes(noise)
            Files.write(src.resolve('usr/share/noise'), noise)
            if (Host.isRoot()) {
                sh('chown', '-R', '1234:1234', src.resolve('home/user').toString())
            }
        }
        Path archive = base.resolve(name)
        sh(*(['tar', '-C', src.toString()] + compression.toList() + ['-cf', archive.toString(), '.']))
        Files.readAllBytes(archive)
    }

    def "an archive over HTTP is downloaded, verified and extracted with its modes, links and owners"() {
        given:
        byte[] data = rootfs('rootfs.tar.gz', '-z')
        served['/images/rootfs.tar.gz'] = data

        when:
        fetch('alpine-ish', url('/images/rootfs.tar.gz'), sha256(data).toUpperCase())

        then:
        Path root = release('alpine-ish')
        Files.readString(root.resolve('etc/hostname')) == 'archived\n'
        Files.isExecutable(root.resolve('bin/tool'))
        Files.readSymbolicLink(root.resolve('bin/alias')).toString() == 'tool'
        Files.isSameFile(root.resolve('usr/hard'), root.resolve('etc/hostname'))
        sh('stat', '-c', '%a', root.resolve('tmp').toString()).trim() == '1777'
        !Host.isRoot() || sh('stat', '-c', '%u:%g', root.resolve('home/user').toString()).trim() == '1234:1234'
        Files.readAllBytes(base.resolve('download/alpine-ish/rootfs.tar.gz')) == data
        !Files.exists(base.resolve('download/alpine-ish/rootfs.tar.gz.part'))
        !Files.exists(base.resolve('releases/alpine-ish/.root.partial'))
        requests == ['/images/rootfs.tar.gz all']
        def download = progress.findAll { it[0] == 'download alpine-ish' }
        download.first() == ['download alpine-ish', 0L, (long) data.length]
        download.last() == ['download alpine-ish', (long) data.length, (long) data.length]
        download.size() >= 3

        and: 'extraction counts the archive\'s members, one step per member tar names'
        def extract = progress.findAll { it[0] == 'extract alpine-ish' }
        long members = sh('tar', '-tzf', base.resolve('download/alpine-ish/rootfs.tar.gz').toString()).readLines().size()
        extract.first() == ['extract alpine-ish', 0L, members]
        extract.last() == ['extract alpine-ish', members, members]
        extract.size() == members + 2
        progress.last()[0] == 'extract alpine-ish'
        infos.last().startsWith('fetched alpine-ish from http://127.0.0.1:')
    }

    def "a download cut off halfway is resumed with a Range request after a pause"() {
        given:
        byte[] data = rootfs('rootfs.tar.gz', '-z')
        served['/rootfs.tar.gz'] = data
        cuts['/rootfs.tar.gz'] = 1

        when:
        fetch('cut', url('/rootfs.tar.gz'), sha256(data))

        then: 'the second request asks only for what had not arrived (the server cut at half; buffers may hold back some)'
        long half = data.length.intdiv(2)
        requests.size() == 2
        requests[0] == '/rootfs.tar.gz all'
        def resumedAt = (requests[1] =~ /^\/rootfs\.tar\.gz bytes=(\d+)-$/).with { it.matches() ? it.group(1) as long : -1L }
        resumedAt > 0 && resumedAt <= half
        pauses == [ArchiveDownload.FIRST_PAUSE_MILLIS]
        warnings.size() == 1 && warnings[0].contains('attempt 2 of 3')
        Files.readAllBytes(base.resolve('download/cut/rootfs.tar.gz')) == data
        Files.readString(release('cut').resolve('etc/hostname')) == 'archived\n'
    }

    def "a partial file left by an earlier fetch is resumed, not downloaded again"() {
        given:
        byte[] data = rootfs('rootfs.tar')
        served['/rootfs.tar'] = data
        Files.createDirectories(base.resolve('download/again'))
        Files.write(base.resolve('download/again/rootfs.tar.part'), Arrays.copyOf(data, 1000))

        when:
        fetch('again', url('/rootfs.tar'), sha256(data))

        then:
        requests == ['/rootfs.tar bytes=1000-']
        Files.readAllBytes(base.resolve('download/again/rootfs.tar')) == data
        Files.isDirectory(release('again').resolve('usr/share'))
    }

    def "a server that stops sending is given up on after the idle time, and the download resumed"() {
        given:
        provider = new ArchiveReleaseProvider({ long ms -> pauses << ms } as JailStopper.Pause, 300)
        byte[] data = rootfs('rootfs.tgz', '-z')
        served['/rootfs.tgz'] = data
        stalls << '/rootfs.tgz'

        when:
        fetch('stalled', url('/rootfs.tgz'), sha256(data))

        then:
        requests == ['/rootfs.tgz all', "/rootfs.tgz bytes=${data.length.intdiv(2)}-".toString()]
        Files.readString(release('stalled').resolve('etc/hostname')) == 'archived\n'
    }

    def "after three failed attempts the error says so, and the partial file stays to resume from"() {
        given:
        byte[] data = rootfs('rootfs.tar.gz', '-z')
        served['/rootfs.tar.gz'] = data
        cuts['/rootfs.tar.gz'] = 3

        when:
        fetch('flaky', url('/rootfs.tar.gz'), sha256(data))

        then:
        def e = thrown(JailshException)
        e.message.startsWith("cannot download ${url('/rootfs.tar.gz')}: ")
        e.hint() == "fetch again to resume from ${base.resolve('download/flaky/rootfs.tar.gz.part')}".toString()
        requests.size() == 3
        pauses == [1000L, 2000L]
        !Files.exists(release('flaky'))
    }

    def "a missing archive (404) is not retried"() {
        when:
        fetch('gone', url('/nothing.tar.gz'), 'a' * 64)

        then:
        def e = thrown(JailshException)
        e.message == "cannot download ${url('/nothing.tar.gz')}: the server answered 404".toString()
        requests == ['/nothing.tar.gz all']
        pauses.isEmpty()
    }

    def "a wrong sha256 is refused naming both hashes, and the download is removed"() {
        given:
        byte[] data = rootfs('rootfs.tar.gz', '-z')
        served['/rootfs.tar.gz'] = data

        when:
        fetch('tampered', url('/rootfs.tar.gz'), 'ab' * 32)

        then:
        def e = thrown(JailshException)
        e.message == "sha256 mismatch for ${url('/rootfs.tar.gz')}: expected ${'ab' * 32}, got ${sha256(data)}; " +
                'the download was removed'
        !Files.exists(base.resolve('download/tampered/rootfs.tar.gz'))
        !Files.exists(release('tampered'))
    }

    def "file: URLs of #file archives are extracted"() {
        given:
        byte[] data = rootfs(file, *flags)

        when:
        fetch('local', base.resolve(file).toUri().toString(), sha256(data))

        then:
        Files.readString(release('local').resolve('etc/hostname')) == 'archived\n'
        requests.isEmpty()

        where:
        file            | flags
        'rootfs.tar'    | []
        'rootfs.tar.gz' | ['-z']
        'rootfs.tar.xz' | ['-J']
    }

    def "a hostile archive (#what) is refused as a whole, naming the member, and nothing outside is touched"() {
        given: 'a canary beside the releases, and a benign member first'
        String marker = "jailsh-canary-${UUID.randomUUID()}"
        Path canary = Files.createDirectories(base.resolve('canary'))
        Files.writeString(canary.resolve('keep'), 'untouched\n')
        def tar = new TarBuilder().dir('./').dir('./etc/').file('./etc/hostname', 'hostile\n')
        build(tar, marker)
        Path archive = Files.write(base.resolve('hostile.tar.gz'), tar.tarGz())

        when:
        fetch('hostile', archive.toUri().toString(), sha256(Files.readAllBytes(archive)), ctx(!what.contains('rootless')))

        then:
        def e = thrown(ValidationException)
        e.message == "hostile: refusing the archive hostile.tar.gz: member \"${member}\" ${why}".replace('MARKER',
                marker)
        e.hint() == 'nothing was extracted; a release root must stay inside itself'
        !Files.exists(base.resolve('releases/hostile/root'))
        !Files.exists(base.resolve('releases/hostile/.root.partial'))
        canary.toFile().list() as List == ['keep']
        Files.readString(canary.resolve('keep')) == 'untouched\n'
        !Files.exists(Path.of('/etc', marker))
        !Files.exists(base.resolve('releases').resolve(marker))

        where:
        what                          | build                                                          | member              | why
        'a .. name'                   | { t, m -> t.file("../$m", 'x') }                               | '../MARKER'         | "has a '..' component"
        'a .. inside a name'          | { t, m -> t.file("./etc/../../$m", 'x') }                      | './etc/../../MARKER' | "has a '..' component"
        'an absolute name'            | { t, m -> t.file("/etc/$m", 'x') }                             | '/etc/MARKER'       | 'has an absolute path'
        'a write through a symlink'   | { t, m -> t.symlink('./evil', '/etc').file("./evil/$m", 'x') } | './evil/MARKER'     | "lies beneath the archive's symlink \"evil\" and would be written through it"
        'a symlink climbing out'      | { t, m -> t.symlink('./etc/up', '../../../canary') }           | './etc/up'          | 'is a symlink to "../../../canary", which leaves the release\'s root'
        'a symlink out through links' | { t, m -> t.symlink('./s', '.').symlink('./t', 's/..') }       | './t'               | 'is a symlink to "s/..", which leaves the release\'s root'
        'a hard link to /etc/passwd'  | { t, m -> t.hardlink('./pw', '/etc/passwd') }                  | './pw'              | 'is a hard link to "/etc/passwd", which is not an earlier file of the archive'
        'a hard link climbing out'    | { t, m -> t.hardlink('./pw', '../canary/keep') }               | './pw'              | 'is a hard link to "../canary/keep", which is not an earlier file of the archive'
        'a hard link to no member'    | { t, m -> t.hardlink('./pw', 'etc/shadow') }                   | './pw'              | 'is a hard link to "etc/shadow", which is not an earlier file of the archive'
        'a device node, rootless'     | { t, m -> t.charDevice('./etc/mem', 1, 1) }                    | './etc/mem'         | 'is a device node, which only root may extract'
    }

    @Requires(value = { Host.isRoot() }, reason = 'mknod needs root')
    def "a device node made with mknod is refused unless jailsh runs as root"() {
        given:
        Path src = Files.createDirectories(base.resolve('devsrc/dev'))
        sh('mknod', src.resolve('null2').toString(), 'c', '1', '3')
        Path archive = base.resolve('dev.tar.gz')
        sh('tar', '-C', base.resolve('devsrc').toString(), '-czf', archive.toString(), '.')
        String sha = sha256(Files.readAllBytes(archive))

        when:
        fetch('rootless', archive.toUri().toString(), sha, ctx(false))

        then:
        def e = thrown(ValidationException)
        e.message == 'rootless: refusing the archive dev.tar.gz: member "./dev/null2" is a device node, which only ' +
                'root may extract'
        !Files.exists(release('rootless'))

        when:
        fetch('as-root', archive.toUri().toString(), sha, ctx(true))

        then:
        sh('stat', '-c', '%F %t,%T', release('as-root').resolve('dev/null2').toString()).trim() ==
                'character special file 1,3'
    }

    def "the URL, the sha256 and the archive's name are checked before anything is downloaded"() {
        when:
        fetch('bad', url, sha)

        then:
        def e = thrown(ValidationException)
        e.message.startsWith(message)
        requests.isEmpty()
        !Files.exists(base.resolve('download/bad'))

        where:
        url                               | sha      | message
        'ftp://example.org/r.tar.gz'      | 'a' * 64 | 'bad: --url ftp://example.org/r.tar.gz is neither a file: nor an http(s): URL'
        'http://127.0.0.1/r.tar.gz'       | 'abc'    | 'bad: --sha256 needs the archive\'s SHA-256 as 64 hex digits'
        'http://127.0.0.1/rootfs.zip'     | 'a' * 64 | 'bad: cannot tell what kind of archive http://127.0.0.1/rootfs.zip is'
        'http://127.0.0.1/'               | 'a' * 64 | 'bad: cannot tell what kind of archive'
        'http://127.0.0.1/..'             | 'a' * 64 | 'bad: cannot tell what kind of archive'
    }

    def "a dry run downloads nothing and shows the tar commands"() {
        given:
        def exec = new DryRunHostExec()

        when:
        fetch('planned', url('/rootfs.tar.xz'), 'c' * 64, ctx(false, exec))

        then:
        requests.isEmpty()
        !Files.exists(base.resolve('download/planned'))
        Path partial = base.resolve('releases/planned/.root.partial')
        exec.lines().contains(("tar -x --verbose --xz --file=${base}/download/planned/rootfs.tar.xz --no-same-owner " +
                "--same-permissions --no-overwrite-dir --directory=$partial").toString())
        exec.lines().last() == "mv -T -- $partial ${release('planned')}".toString()
        infos == ["would download ${url('/rootfs.tar.xz')} into ${base}/download/planned/rootfs.tar.xz and check its " +
                          "sha256 ${'c' * 64}".toString()]
    }

    def "a request with a URL is the archive provider's, whatever the release's name"() {
        expect:
        provider.handles(new ReleaseRequest('busybox', 'file:///x.tar', 'a' * 64))
        !provider.handles(ReleaseRequest.named('busybox'))
        !new BusyboxReleaseProvider().handles(new ReleaseRequest('busybox', 'file:///x.tar', 'a' * 64))
        provider.priority() > new BusyboxReleaseProvider().priority()
    }
}
