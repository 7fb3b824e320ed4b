package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

import org.jailsh.spi.HostFacts
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.ReleaseRequest
import org.jailsh.spi.Reporter
import org.jailsh.spi.ValidationException
import org.jailsh.spi.exec.LocalHostExec
import org.jailsh.testkit.Canary
import spock.lang.Specification

/**
 * Release archives aimed at the canary, through the archive provider and the host's real tar; adds to the cases of
 * {@link ArchiveReleaseProviderSpec}. Hostile members exist only inside the archive bytes ({@link TarBuilder}); the
 * only links ever extracted point at the spec's own canary. Each row is refused as a whole, or extracted with the
 * canary, its modes and owners included, unchanged.
 */
class HostileArchivesSpec extends Specification {

    Path base = Files.createTempDirectory('jailsh-hostile-archive-')
    Canary canary = Canary.create('hostile')
    ArchiveReleaseProvider provider = new ArchiveReleaseProvider()

    def cleanup() {
        Sandbox.removeLinks(base)
        assert new File('/proc/self/mountinfo').readLines().every { !it.contains(base.toString()) }
        new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
        canary.remove()
    }

    ProviderContext ctx(boolean root) {
        new ProviderContext(new LocalHostExec({}), new HostFacts(Platform.LINUX, root, base, System.getenv()),
                Reporter.SILENT)
    }

    Path fetch(Closure build, boolean root) {
        def tar = new TarBuilder().dir('./').dir('./etc/').file('./etc/hostname', 'hostile\n')
        build(tar, canary.dir().toString())
        Path archive = Files.write(base.resolve('hostile.tar'), tar.tar())
        String sha = MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(archive)).encodeHex().toString()
        Path release = base.resolve('releases/hostile/root')
        provider.fetch(new ReleaseRequest('hostile', archive.toUri().toString(), sha), base.resolve('download/hostile'),
                release, ctx(root))
        release
    }

    def "an archive with #what is refused as a whole, naming the member"() {
        when:
        fetch(build, root)

        then:
        ValidationException e = thrown()
        e.message == "hostile: refusing the archive hostile.tar: member \"${member}\" ${why}".replace('CANARY',
                canary.dir().toString())
        e.hint() == 'nothing was extracted; a release root must stay inside itself'
        !Files.exists(base.resolve('releases/hostile/root'))
        !Files.exists(base.resolve('releases/hostile/.root.partial'))
        canary.changes() == []

        where:
        what                                  | root  | build                                                                                   | member            | why
        'a bare .. member'                    | true  | { t, c -> t.dir('../') }                                                               | '../'             | "has a '..' component"
        'a .. after a double slash'           | true  | { t, c -> t.file('etc//../../x', 'x') }                                                | 'etc//../../x'    | "has a '..' component"
        'a name with two leading slashes'     | true  | { t, c -> t.file('//' + c.substring(1) + '/keep', 'x') }                               | '/CANARY/keep'    | 'has an absolute path'
        'the canary by absolute name'         | true  | { t, c -> t.file(c + '/pwned', 'x') }                                                  | 'CANARY/pwned'    | 'has an absolute path'
        'a chain of links climbing out'       | true  | { t, c -> t.symlink('./a', 'b').symlink('./b', 'etc/../..') }                          | './a'             | 'is a symlink to "b", which leaves the release\'s root'
        'a link out through a link to /..'    | true  | { t, c -> t.symlink('./top', '/').symlink('./out', 'top/..') }                         | './out'           | 'is a symlink to "top/..", which leaves the release\'s root'
        'a file written through a link to the canary' | true | { t, c -> t.symlink('./c', c).file('./c/keep', 'pwned') }                      | './c/keep'        | "lies beneath the archive's symlink \"c\" and would be written through it"
        'a dir made through a link to the canary'    | true | { t, c -> t.symlink('./c', c).dir('./c/new/', 0777) }                            | './c/new/'        | "lies beneath the archive's symlink \"c\" and would be written through it"
        'a hard link to a canary file'        | true  | { t, c -> t.hardlink('./pw', c + '/keep') }                                            | './pw'            | 'is a hard link to "CANARY/keep", which is not an earlier file of the archive'
        'a hard link through a link'          | true  | { t, c -> t.symlink('./c', c).hardlink('./pw', 'c/keep') }                             | './pw'            | 'is a hard link to "c/keep", which is not an earlier file of the archive'
        'a hard link to a later member'       | true  | { t, c -> t.hardlink('./pw', 'etc/later').file('./etc/later', 'x') }                  | './pw'            | 'is a hard link to "etc/later", which is not an earlier file of the archive'
        'a hard link to a directory'          | true  | { t, c -> t.hardlink('./d', 'etc') }                                                   | './d'             | 'is a hard link to "etc", which is not an earlier file of the archive'
        'a file replacing the root'           | true  | { t, c -> t.file('.', 'x') }                                                           | '.'               | "would replace the release's root directory"
        'a block device, rootless'            | false | { t, c -> t.blockDevice('./dev/sda', 8, 0) }                                           | './dev/sda'       | 'is a device node, which only root may extract'
        'a directory over its link to the canary' | true | { t, c -> t.symlink('./c', c).dir('./c/', 0777) }                              | './c/'            | 'replaces the archive\'s earlier symlink "c"'
        'a file over its link to the canary'  | true  | { t, c -> t.symlink('./c', c + '/keep').file('./c', 'replaced') }                      | './c'             | 'replaces the archive\'s earlier symlink "c"'
        'a link over its link to the canary'  | true  | { t, c -> t.symlink('./c', c).symlink('./c', 'etc') }                                  | './c'             | 'replaces the archive\'s earlier symlink "c"'
        'a /dev/mem node, rootless'           | false | { t, c -> t.charDevice('./mem', 1, 1) }                                                | './mem'           | 'is a device node, which only root may extract'
    }

    def "an archive with #what is extracted, and the canary is untouched"() {
        when:
        Path release = fetch(build, Host.isRoot())

        then:
        check(release, canary.dir().toString())
        canary.changes() == []

        where:
        what                                                  | build                                                               | check
        'an absolute link to the canary path (read in the jail)' | { t, c -> t.symlink('./c', c) }                                  | { r, c -> Files.readSymbolicLink(r.resolve('c')).toString() == c }
        'a directory of the same name before a link'          | { t, c -> t.dir('./c/', 0777).symlink('./d', 'c') }                 | { r, c -> Files.isDirectory(r.resolve('c')) && Files.isSymbolicLink(r.resolve('d')) }
        'a fifo'                                              | { t, c -> t.fifo('./etc/pipe') }                                    | { r, c -> Files.exists(r.resolve('etc/pipe')) && !Files.isRegularFile(r.resolve('etc/pipe')) }
    }
}
