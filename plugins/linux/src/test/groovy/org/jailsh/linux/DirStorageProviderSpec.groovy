package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.spi.HostFacts
import org.jailsh.spi.JailRef
import org.jailsh.spi.MountEntry
import org.jailsh.spi.NotFoundException
import org.jailsh.spi.Platform
import org.jailsh.spi.ProviderContext
import org.jailsh.spi.Reporter
import org.jailsh.spi.RootSource
import org.jailsh.spi.ValidationException
import org.jailsh.testkit.RecordingHostExec
import spock.lang.Specification
import spock.lang.TempDir

class DirStorageProviderSpec extends Specification {

    @TempDir
    Path tmp

    RecordingHostExec exec = new RecordingHostExec()
    FakeHostView host = new FakeHostView()
    DirStorageProvider storage = new DirStorageProvider(host)

    def cleanup() {
        Sandbox.removeLinks(tmp)
    }

    ProviderContext ctx(boolean root = true) {
        new ProviderContext(exec, new HostFacts(Platform.LINUX, root, tmp, [PATH: '/usr/bin:/bin']), Reporter.SILENT)
    }

    JailRef jail(String name, String kind = 'jails') {
        Path dir = tmp.resolve(kind).resolve(name)
        new JailRef(name, dir, dir.resolve('root'), [:])
    }

    Path release() {
        Files.createDirectories(tmp.resolve('releases/busybox/root/bin')).parent
    }

    RootSource clone(Path root, String name = 'busybox', boolean template = false) {
        new RootSource(RootSource.Mode.CLONE, name, root, template)
    }

    /** Lays a clone out on disk as create would have. */
    JailRef cloned(String name, List<Path> lowers, String kind = 'jails') {
        def j = jail(name, kind)
        Files.createDirectories(j.dir().resolve('overlay/upper'))
        Files.createDirectories(j.dir().resolve('overlay/work'))
        Files.createDirectories(j.root())
        Files.writeString(j.dir().resolve('overlay/lower'), lowers.join(':') + '\n')
        j
    }

    def "a clone jail copies nothing: it gets an empty layer of its own over the release"() {
        given:
        def rel = release()
        def web = jail('web')

        when:
        storage.create(web, clone(rel), ctx())

        then:
        exec.lines() == ["mkdir -p -- ${web.root()} ${web.dir()}/overlay/upper ${web.dir()}/overlay/work".toString()]
        exec.writes() == [(web.dir().resolve('overlay/lower')): rel.toString() + '\n']
        !exec.lines().any { it.startsWith('cp') }
    }

    def "the root of a clone is an overlay of its layer on the release, mounted at /"() {
        given:
        def rel = release()
        def web = cloned('web', [rel])

        expect:
        storage.rootMounts(web) == [new MountEntry('overlay', '/', 'overlay',
                "lowerdir=$rel,upperdir=${web.dir()}/overlay/upper,workdir=${web.dir()}/overlay/work".toString())]
    }

    def "a clone of a cloned template stacks the template's layer on the template's release"() {
        given:
        def rel = release()
        def tmpl = cloned('base', [rel], 'templates')

        when:
        storage.create(jail('web'), clone(tmpl.root(), 'base', true), ctx())

        then:
        exec.writes()[jail('web').dir().resolve('overlay/lower')] == "${tmpl.dir()}/overlay/upper:$rel\n".toString()
    }

    def "a thick jail is an independent cp -a copy of the release root"() {
        given:
        def rel = release()
        def web = jail('web')

        when:
        storage.create(web, new RootSource(RootSource.Mode.THICK, 'busybox', rel, false), ctx())

        then:
        exec.lines() == ["mkdir -p -- ${web.root()}".toString(),
                         "cp -a --reflink=auto -- $rel/. ${web.root()}/".toString()]
        storage.rootMounts(web) == []
    }

    def "a thick copy of a layered template copies what the template's layers show, in a private mount namespace"() {
        given:
        def rel = release()
        def tmpl = cloned('base', [rel], 'templates')

        when:
        storage.create(jail('web'), new RootSource(RootSource.Mode.THICK, 'base', tmpl.root(), true), ctx())

        then:
        def copy = exec.commands()[1].argv()
        copy[0..4] == ['unshare', '--mount', '--propagation', 'private', '--']
        copy[-3..-1] == ["lowerdir=${tmpl.dir()}/overlay/upper:$rel".toString(), tmpl.root().toString(),
                         jail('web').root().toString()]
    }

    def "an empty jail gets only its root directory"() {
        when:
        storage.create(jail('web'), RootSource.empty(), ctx())

        then:
        exec.lines() == ["mkdir -p -- ${jail('web').root()}".toString()]
    }

    def "cloning a release that was never fetched says how to fetch it"() {
        when:
        storage.create(jail('web'), clone(tmp.resolve('releases/nope/root'), 'nope'), ctx())

        then:
        def e = thrown(NotFoundException)
        e.userMessage().contains('fetch -r nope')
        exec.commands().isEmpty()
    }

    def "a path overlayfs cannot take in its options is refused before anything is made"() {
        given:
        def rel = Files.createDirectories(tmp.resolve("releases/$name/root"))

        when:
        storage.create(jail('web'), clone(rel, name), ctx())

        then:
        def e = thrown(ValidationException)
        e.message.contains('overlayfs')
        exec.commands().isEmpty()

        where:
        name << ['a,b', 'a:b']
    }

    def "destroy removes that jail's directory and nothing else, without crossing file systems"() {
        given:
        def web = cloned('web', [release()])

        when:
        storage.destroy(web, ctx())

        then:
        exec.lines() == ["rm -rf --one-file-system -- ${web.dir()}".toString()]
    }

    def "destroy refuses while anything under the jail is mounted"() {
        given:
        def web = cloned('web', [release()])
        host.mounts = [Path.of('/'), web.root().resolve('media')]

        when:
        storage.destroy(web, ctx())

        then:
        def e = thrown(ValidationException)
        e.message == "web: cannot destroy, still mounted: ${web.root()}/media".toString()
        exec.commands().isEmpty()
    }

    def "destroy refuses a running jail"() {
        given:
        def web = cloned('web', [release()])
        Files.writeString(web.dir().resolve('.jailsh-run'), '4242 99\n')
        host.processes[4242L] = 99L

        when:
        storage.destroy(web, ctx())

        then:
        def e = thrown(ValidationException)
        e.userMessage() == 'web is running; cannot destroy it; stop it first: stop web'
        exec.commands().isEmpty()
    }

    def "destroy refuses a directory that is not named after the jail"() {
        when:
        storage.destroy(new JailRef('web', tmp, tmp.resolve('root'), [:]), ctx())

        then:
        thrown(ValidationException)
        exec.commands().isEmpty()
    }

    def "destroying a jail that is already gone does nothing"() {
        when:
        storage.destroy(jail('gone'), ctx())

        then:
        exec.commands().isEmpty()
    }

    def "a snapshot of a clone copies the jail's own layer under a hidden name, then renames it"() {
        given:
        def web = cloned('web', [release()])
        def snaps = web.dir().resolve('snapshots')

        when:
        storage.snapshot(web, 'before-update', ctx())

        then:
        exec.lines() == ["rm -rf --one-file-system -- $snaps/.before-update.partial".toString(),
                         "mkdir -p -- $snaps/.before-update.partial".toString(),
                         "cp -a --reflink=auto -- ${web.dir()}/overlay/upper/. $snaps/.before-update.partial/".toString(),
                         "mv -T -- $snaps/.before-update.partial $snaps/before-update".toString()]
    }

    def "a snapshot of a thick jail copies its root"() {
        given:
        def web = jail('web')
        Files.createDirectories(web.root())

        when:
        storage.snapshot(web, 's1', ctx())

        then:
        exec.lines()[2] == "cp -a --reflink=auto -- ${web.root()}/. ${web.dir()}/snapshots/.s1.partial/".toString()
    }

    def "rollback copies the snapshot beside the data and swaps it in, removing the old data last"() {
        given:
        def web = cloned('web', [release()])
        Files.createDirectories(web.dir().resolve('snapshots/s1'))
        def o = web.dir().resolve('overlay')

        when:
        storage.rollback(web, 's1', ctx())

        then:
        exec.lines() == ["mkdir -- $o/.upper.rollback".toString(),
                         "cp -a --reflink=auto -- ${web.dir()}/snapshots/s1/. $o/.upper.rollback/".toString(),
                         "mv -T -- $o/upper $o/.upper.old".toString(),
                         "mv -T -- $o/.upper.rollback $o/upper".toString(),
                         "rm -rf --one-file-system -- $o/.upper.old".toString()]
    }

    def "rollback to a snapshot that does not exist says how to list them"() {
        when:
        storage.rollback(cloned('web', [release()]), 'nope', ctx())

        then:
        def e = thrown(NotFoundException)
        e.userMessage() == "web: no snapshot named nope; list the jail's snapshots with 'snaplist web'"
    }

    def "snapshots lists finished snapshots only, sorted"() {
        given:
        def web = cloned('web', [release()])
        ['b', 'a', '.c.partial'].each { Files.createDirectories(web.dir().resolve("snapshots/$it")) }

        expect:
        storage.snapshots(web, ctx()) == ['a', 'b']
        storage.snapshots(jail('other'), ctx()) == []
    }

    def "snapshot names that could leave the snapshot directory are refused"() {
        when:
        storage.snapshot(cloned('web', [release()]), name, ctx())

        then:
        thrown(ValidationException)
        exec.commands().isEmpty()

        where:
        name << ['', '.', '..', '../x', 'a/b', '-rf', '.hidden', null]
    }
}
