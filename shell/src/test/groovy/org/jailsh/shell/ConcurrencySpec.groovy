package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

import groovy.json.JsonSlurper
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

/**
 * Two jailsh processes (JVMs of their own, see {@link CrashWorker}) each run 100 interleaved operations on the same
 * three jails: appending to a property of their own, adding fstab lines, taking snapshots. Every read-modify-write of
 * config.json and fstab happens under the jail's lock, so nothing either process did may be missing afterwards.
 */
@Requires(value = { LinuxFlowsEndToEndSpec.isRoot() && Files.isExecutable(Path.of('/bin/busybox')) },
        reason = 'needs root (the jails are real dir-storage jails) and /bin/busybox (busybox-static)')
class ConcurrencySpec extends Specification {

    static final List<String> JAILS = ['crashc0', 'crashc1', 'crashc2']

    @Shared Path base
    @Shared Path root
    @Shared long seed = Long.getLong('jailsh.crash.seed', System.nanoTime())
    @Shared WorkerJvm jvm
    List<Process> started = []

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-crash-conc-')
        root = base.resolve('iocroot')
        println "ConcurrencySpec seed $seed (replay with -Djailsh.crash.seed=$seed)"
        ok('fetch', '-r', 'busybox')
        JAILS.each { ok('create', '-r', 'busybox', '-n', it) }
        Files.createDirectories(base.resolve('crash-sources'))
        jvm = new WorkerJvm(base.resolve('jvm'))
    }

    def cleanup() {
        started.each { it.destroyForcibly().waitFor() }
    }

    def cleanupSpec() {
        RootCli.remove(base, 'jailsh-crash-conc-')
    }

    List cli(String... args) {
        new RootCli(root).run(args)
    }

    String ok(String... args) {
        new RootCli(root).ok(args)
    }

    Process worker(String... args) {
        def process = new ProcessBuilder(jvm.command(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start()
        started << process
        process
    }

    def "two processes doing 100 operations each on the same jails lose no update and corrupt nothing"() {
        given:
        def random = new Random(seed)
        def a = worker('race', root.toString(), random.nextLong() as String, 'a', '100', *JAILS)
        def b = worker('race', root.toString(), random.nextLong() as String, 'b', '100', *JAILS)
        def readers = [a, b].collect { p ->
            java.util.concurrent.CompletableFuture.supplyAsync { p.inputStream.newReader('UTF-8').readLines() }
        }
        long began = System.nanoTime()

        when:
        Files.createFile(base.resolve('go'))
        [a, b].each { assert it.waitFor(240, TimeUnit.SECONDS) }
        List<String> lines = readers.collectMany { it.get(60, TimeUnit.SECONDS) as List<String> }
        println "ConcurrencySpec: 200 operations in ${TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)} ms"

        then: 'every operation succeeded'
        lines.count { it == 'DONE' } == 2
        def traces = lines.findAll { it ==~ /(SET|FSTAB|SNAP) .*/ }*.split(' ')
        traces.size() == 200
        traces.every { it[3] == '0' }

        and: 'every property entry, fstab line and snapshot of both processes is there'
        JAILS.every { jail ->
            def config = new JsonSlurper().parse(root.resolve("jails/$jail/config.json").toFile()) as Map
            def entries = ((config.notes ?: '') + '_' + (config.host_domainname ?: '')).split('_').toList()
            def fstab = ok('fstab', '-l', jail)
            def snaps = ok('snaplist', jail)
            def mine = traces.findAll { it[1] == jail }
            assert mine.findAll { it[0] == 'SET' && !(it[2] in entries) }.isEmpty(): "$jail: $config"
            assert mine.findAll { it[0] == 'FSTAB' && !fstab.contains(it[2]) }.isEmpty(): "$jail: $fstab"
            assert mine.findAll { it[0] == 'SNAP' && !snaps.contains(it[2]) }.isEmpty(): "$jail: $snaps"
            true
        }
        cli('doctor')[0] == 0
    }

    def "a jail locked by another process names that process in the error"() {
        given:
        def holder = worker('hold', root.toString(), 'crashc0')
        def reader = holder.inputStream.newReader('UTF-8')
        assert reader.readLine() == 'LOCKED'

        when:
        def (code, out, err) = cli('set', 'notes=blocked', 'crashc0')

        then:
        code != 0
        err.contains("crashc0 is locked by pid ${holder.pid()}: jailsh set crashc0")
        !err.contains('Exception')

        and: 'doctor sees a jail in use, not a problem'
        cli('doctor')[0] == 0

        when: 'the holder dies, its lock goes with it'
        holder.destroyForcibly().waitFor()

        then:
        ok('set', 'notes=free', 'crashc0')
    }
}
