package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit

import groovy.json.JsonSlurper
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Fault injection: jailsh workers (JVMs of their own, see {@link CrashWorker}) loop create / set / fstab / snapshot /
 * destroy / doctor --fix on a local state root and are killed with SIGKILL (their whole process group, so the cp and
 * rm they started die too) at random moments. Afterwards every jail is whole or listed as incomplete, `doctor`
 * reports exactly what is wrong, `doctor --fix` repairs it, and what the user had before is untouched.
 * Seeded: set -Djailsh.crash.seed=N to replay; -Djailsh.crash.kills=N for a longer run.
 */
@Stepwise
@Requires(value = { LinuxFlowsEndToEndSpec.isRoot() && Files.isExecutable(Path.of('/bin/busybox')) },
        reason = 'needs root (bind mounts, namespaces) and /bin/busybox (busybox-static)')
class CrashSafetySpec extends Specification {

    static final int KILLS = Integer.getInteger('jailsh.crash.kills', 200)
    static final int WORKERS = 3

    @Shared Path base
    @Shared Path root
    @Shared long seed = Long.getLong('jailsh.crash.seed', System.nanoTime())
    @Shared Map<String, Integer> phases = new ConcurrentHashMap<>()
    @Shared Path planted
    @Shared WorkerJvm jvm

    def setupSpec() {
        base = Files.createTempDirectory('jailsh-crash-')
        root = base.resolve('iocroot')
        println "CrashSafetySpec seed $seed (replay with -Djailsh.crash.seed=$seed)"
        jvm = new WorkerJvm(base.resolve('jvm'))
    }

    def cleanupSpec() {
        if (planted != null && mounted(planted)) {
            new ProcessBuilder('umount', '--', planted.toString()).inheritIO().start().waitFor()
        }
        if (root != null) {
            cli('stop', 'ALL')
        }
        RootCli.remove(base, 'jailsh-crash-')
    }

    List cli(String... args) {
        new RootCli(root).run(args)
    }

    String ok(String... args) {
        new RootCli(root).ok(args)
    }

    static boolean mounted(Path path) {
        Files.readAllLines(Path.of('/proc/self/mountinfo')).any { it.split(' ')[4] == path.toString() }
    }

    def "the user's jail, defaults and mount source exist before the crashes"() {
        when:
        ok('fetch', '-r', 'busybox')
        ok('create', '-T', '-r', 'busybox', '-n', 'crashuser')
        Files.writeString(root.resolve('jails/crashuser/root/precious.txt'), 'the user wrote this\n')
        ok('set', 'priority=42', 'default')
        Files.createDirectories(base.resolve('usersrc'))
        Files.writeString(base.resolve('usersrc/data.txt'), 'lent to the jail\n')
        ok('fstab', '-a', 'crashuser', base.resolve('usersrc').toString(), '/mnt/user', 'ro')

        then:
        userDataIntact()
    }

    def "workers killed at random moments, at least 200 times"() {
        given:
        def random = new Random(seed)
        int kills = 0
        long started = System.nanoTime()

        when: 'each worker is killed a random time after it is ready, and replaced at once'
        Worker[] slots = new Worker[WORKERS]
        while (kills < KILLS) {
            for (int i = 0; i < WORKERS && kills < KILLS; i++) {
                Worker w = slots[i]
                if (w == null) {
                    slots[i] = startWorker("$i", random.nextLong())
                } else if (w.ready.count == 0 && w.killAt == 0) {
                    w.killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(400))
                } else if (w.killAt != 0 && System.nanoTime() >= w.killAt) {
                    kill(w)
                    kills++
                    slots[i] = null
                } else if (w.ready.count > 0 && System.nanoTime() - w.started > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("worker $i never got ready")
                }
            }
            Thread.sleep(5)
        }
        slots.findAll { it != null }.each { kill(it) }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
        println "CrashSafetySpec: $kills kills in ${seconds}s; phase at the kill: ${phases.sort { -it.value }}"

        then:
        kills >= KILLS
        KILLS < 200 || phases.findAll { it.key in ['create', 'set', 'fstab', 'snapshot', 'destroy'] }.size() == 5
    }

    def "afterwards every jail parses or is listed as incomplete, and doctor names each incomplete one"() {
        when:
        def listed = new JsonSlurper().parseText(ok('--json', 'list')) as List<Map>
        def dirs = Files.list(root.resolve('jails')).withCloseable { s -> s.map { it.fileName.toString() }.toList() }
        def incomplete = listed.findAll { it.state == 'INCOMPLETE' }*.name
        def (code, report, err) = cli('doctor')
        println "CrashSafetySpec: ${dirs.size()} jails, incomplete: $incomplete"

        then: 'no jail is dropped from the list, and none is corrupt: every config write is atomic'
        listed*.name.toSet() == dirs.toSet()
        !listed.any { it.state == 'CORRUPT' }

        and: 'a jail not listed as incomplete is complete'
        listed.findAll { it.state == 'down' }.every { complete(it.name as String) }

        and:
        incomplete.every { report.contains("$it: incomplete") }
        code == (report.contains('nothing wrong') ? 0 : 1)
    }

    def "doctor also finds a mount left under a jail that is not running"() {
        given:
        String jail = (new JsonSlurper().parseText(ok('--json', 'list')) as List<Map>)
                .find { it.state == 'down' && it.name != 'crashuser' }?.name ?: 'crashuser'
        Path lent = Files.createDirectories(base.resolve('lent'))
        planted = Files.createDirectories(root.resolve("jails/$jail/root/planted"))
        assert new ProcessBuilder('mount', '--bind', lent.toString(), planted.toString()).start().waitFor() == 0

        when:
        def (code, report, err) = cli('doctor')

        then:
        code == 1
        report.contains("$jail: not running, but mounted: $planted")
    }

    def "doctor --fix repairs everything, and the user's data is untouched"() {
        when:
        def (code, out, err) = cli('doctor', '--fix')
        def listed = new JsonSlurper().parseText(ok('--json', 'list')) as List<Map>

        then:
        code == 0 || { println(out + err); false }()
        ok('doctor').contains('doctor: nothing wrong')
        listed.every { it.state == 'down' && complete(it.name as String) }
        !mounted(planted)
        Files.list(root.resolve('.jailsh/pending')).withCloseable { it.count() } == 0
        userDataIntact()

        and: 'every jail left is usable'
        listed.every { cli('set', 'notes=after', it.name as String)[0] == 0 }
    }

    /** config.json parses, the root exists, no create or destroy is pending, and the fstab reads. */
    boolean complete(String jail) {
        Path dir = root.resolve("jails/$jail")
        new JsonSlurper().parse(dir.resolve('config.json').toFile()) instanceof Map
                && Files.isDirectory(dir.resolve('root'))
                && !Files.exists(root.resolve(".jailsh/pending/$jail"))
                && cli('fstab', '-l', jail)[0] == 0
    }

    boolean userDataIntact() {
        Path jail = root.resolve('jails/crashuser')
        assert Files.readString(jail.resolve('root/precious.txt')) == 'the user wrote this\n'
        assert new JsonSlurper().parse(jail.resolve('config.json').toFile()).release == 'busybox'
        assert Files.readString(jail.resolve('fstab')).contains("${base.resolve('usersrc')}\t${jail.resolve('root/mnt/user')}")
        assert new JsonSlurper().parse(root.resolve('defaults.json').toFile()).priority in [42, '42']
        assert Files.readString(base.resolve('usersrc/data.txt')) == 'lent to the jail\n'
        true
    }

    /** A worker JVM in a process group of its own (setsid), so one kill takes it and every command it started. */
    Worker startWorker(String id, long workerSeed) {
        def process = new ProcessBuilder(['setsid'] + jvm.command('crash', root.toString(), workerSeed as String, id))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start()
        def worker = new Worker(process: process)
        worker.reader = Thread.start {
            process.inputStream.newReader('UTF-8').eachLine { line ->
                if (line == 'READY') {
                    worker.ready.countDown()
                } else if (line.startsWith('BEGIN ')) {
                    worker.phase = line.split(' ')[1]
                } else if (line.startsWith('END ')) {
                    worker.phase = 'between'
                }
            }
        }
        worker
    }

    /** The phase is read after the worker is gone, from all it wrote: the reader may lag behind under load. */
    void kill(Worker worker) {
        long pid = worker.process.pid()
        assert new ProcessBuilder('kill', '-KILL', '--', "-$pid").start().waitFor() == 0
        assert worker.process.waitFor(30, TimeUnit.SECONDS)
        worker.reader.join(10_000)
        phases.merge(worker.ready.count > 0 ? 'start-up' : worker.phase, 1, Integer::sum)
    }

    static class Worker {
        Process process
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1)
        volatile String phase = 'between'
        long started = System.nanoTime()
        long killAt
        Thread reader
    }
}
