package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.util.concurrent.TimeUnit

import groovy.json.JsonSlurper
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir

import org.jailsh.testkit.TempTrees

/**
 * The real {@code ./jailsh} launcher on a distribution made of this JVM's class path (directories packed as jars,
 * because class-data sharing archives classes from jars only): it makes the start-up archive once, uses it, and a
 * truncated or garbage archive never reaches stdout, so {@code list --json} stays pure JSON. No root needed.
 */
@Stepwise
class LauncherCdsSpec extends Specification {

    @Shared @TempDir Path tmp
    @Shared Path dist
    @Shared Path root

    def setupSpec() {
        dist = TestDist.build(tmp.resolve('dist'))
        root = tmp.resolve('iocage')
        ['web', 'db'].each { name ->
            Path jail = Files.createDirectories(root.resolve("jails/$name/root"))
            Files.writeString(jail.resolveSibling('config.json'),
                    """{\n    "host_hostname": "$name",\n    "host_hostuuid": "$name",\n    "release": "busybox"\n}""")
            Files.writeString(jail.resolveSibling('fstab'), '')
        }
    }

    def cleanupSpec() {
        TempTrees.remove(tmp)
    }

    def "the first run makes the archive, says so on stderr, and stdout is the JSON alone"() {
        when:
        def r = listJson()

        then:
        r.code == 0
        names(r.out) == ['db', 'web']
        r.err.contains('preparing the start-up cache')
        Files.size(archive()) > 1_000_000
        Files.readString(dist.resolve('cds/key')).contains(archive().toString())
    }

    def "the next run maps jailsh's classes from the archive and prepares nothing"() {
        when:
        def (r, lines) = withClassLog('list', '--json')

        then:
        r.code == 0
        names(r.out) == ['db', 'web']
        !r.err.contains('preparing')
        lines.any { it.contains('org.jailsh.verbs.ListVerb source: shared objects file') }
    }

    def "a one-shot list takes every class from the archive and opens no jar: no picocli, no Groovy, no databind"() {
        when:
        def (r, lines) = withClassLog('list', '-l')

        then:
        r.code == 0
        lines.findAll { it.contains('source: file:') } == []
        !lines.any { it.contains(' picocli.') || it.contains(' groovy.') || it.contains('jackson.databind') }
    }

    def "a Groovy line maps Groovy's classes from the layer on top; a one-shot verb maps only the base"() {
        given:
        Path groovyLog = tmp.resolve('groovy-classes.log')
        Path listLog = tmp.resolve('list-cds.log')

        when:
        def c = launcher(['JAILSH_JAVA_OPTS': "-Xlog:class+load=info:file=$groovyLog".toString()],
                '--root', root.toString(), '-c', 'println(6 * 7)')
        def l = launcher(['JAILSH_JAVA_OPTS': "-Xlog:cds=info:file=$listLog".toString()],
                '--root', root.toString(), 'list', '-H')

        then:
        c.code == 0
        c.out.trim() == '42'
        Files.readAllLines(groovyLog).any { it.contains('groovy.lang.GroovyShell source: shared objects file (top)') }
        l.code == 0
        String mapped = Files.readString(listLog)
        mapped.contains('base.jsa')
        !mapped.contains('groovy.jsa')
    }

    def "a truncated archive (the JVM would crash on it) is noticed and made again before use"() {
        given:
        archive().toFile().setWritable(true)
        Files.newByteChannel(archive(), java.nio.file.StandardOpenOption.WRITE).withCloseable { it.truncate(100_000) }

        when:
        def r = listJson()

        then:
        r.code == 0
        names(r.out) == ['db', 'web']
        r.err.contains('preparing the start-up cache')
        Files.size(archive()) > 1_000_000
    }

    def "an archive of garbage with the real one's size and time is noticed by its header and made again: #layer"() {
        given: 'same size and time as the real one, so the key alone would trust it'
        Path file = dist.resolve("cds/$layer")
        FileTime time = Files.getLastModifiedTime(file)
        byte[] garbage = new byte[(int) Files.size(file)]
        new Random(7).nextBytes(garbage)
        file.toFile().setWritable(true)
        Files.write(file, garbage)
        Files.setLastModifiedTime(file, time)

        when: 'a line that maps both layers (the JVM would not even start with a bad base under a top layer)'
        def r = listJson()

        then:
        r.code == 0
        names(r.out) == ['db', 'web']
        r.err.contains('preparing the start-up cache')

        where:
        layer << ['base.jsa', 'groovy.jsa']
    }

    def "a stale key (another jar list, another java) makes a new archive"() {
        given:
        Files.writeString(dist.resolve('cds/key'), 'made for another class path\n')

        when:
        def r = listJson()

        then:
        r.code == 0
        names(r.out) == ['db', 'web']
        r.err.contains('preparing the start-up cache')
    }

    def "two starts after a build: one prepares the cache under its lock (a dead holder's lock is taken over), the other runs without it"() {
        given: 'no valid key, and a lock left by a launcher that died'
        Files.delete(dist.resolve('cds/key'))
        Files.createDirectories(dist.resolve('cds/.lock'))
        Files.writeString(dist.resolve('cds/.lock/pid'), '2147483646\n')

        when:
        List<Map> both = Collections.synchronizedList([])
        [1, 2].collect { Thread.start { both << listJson() } }*.join()
        def after = listJson()

        then: 'both ran and printed the JSON alone; one of them prepared the cache, which the next run uses'
        both*.code == [0, 0]
        both.every { names(it.out) == ['db', 'web'] }
        both.count { it.err.contains('preparing the start-up cache') } == 1
        after.code == 0 && !after.err.contains('preparing')
        !Files.exists(dist.resolve('cds/.lock'))
    }

    def "JAILSH_JAVA_OPTS are split on blanks and never glob-expanded"() {
        given:
        Path log = tmp.resolve('*.log')

        when:
        def r = launcher(['JAILSH_JAVA_OPTS': "-Dx=* -Xlog:class+load=info:file=$log".toString()],
                '--root', root.toString(), 'list', '-H')

        then:
        r.code == 0
        Files.exists(log)
    }

    private Path archive() {
        dist.resolve('cds/base.jsa')
    }

    /** `list --json` on the two jails, through the launcher. */
    private Map listJson() {
        launcher('--root', root.toString(), 'list', '--json')
    }

    /** The launcher's run on the state root, and the JVM's class loading log of it. */
    private List withClassLog(String... args) {
        Path log = Files.createTempFile(tmp, 'classes', '.log')
        def r = launcher(['JAILSH_JAVA_OPTS': "-Xlog:class+load=info:file=$log".toString()],
                *(['--root', root.toString()] + (args as List)))
        [r, Files.readAllLines(log)]
    }

    private static List<String> names(String json) {
        (new JsonSlurper().parseText(json) as List<Map>).collect { it.name as String }
    }

    private Map launcher(Map<String, String> env = [:], String... args) {
        ProcessBuilder pb = new ProcessBuilder(['bash', TestDist.launcher().toString()] + (args as List))
        pb.environment().putAll(TestDist.env(dist))
        pb.environment().remove('JAILSH_JAVA_OPTS')
        pb.environment().putAll(env)
        Path out = Files.createTempFile(tmp, 'out', '.txt')
        Path err = Files.createTempFile(tmp, 'err', '.txt')
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start()
        assert p.waitFor(300, TimeUnit.SECONDS)
        [code: p.exitValue(), out: Files.readString(out), err: Files.readString(err)]
    }
}
