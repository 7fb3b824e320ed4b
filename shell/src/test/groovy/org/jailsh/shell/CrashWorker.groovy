package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

import org.jailsh.store.IocRoot
import org.jailsh.store.JailStore
import org.jailsh.spi.Reporter

/**
 * A jailsh user in a JVM of its own, for the crash and concurrency specs, which kill it or run two at once. Every
 * operation goes through the CLI (Main.run), as separate jailsh invocations would. Protocol on stdout, one line each:
 * {@code READY}, {@code BEGIN OP JAIL}, {@code END OP CODE}, {@code DONE}. Not a spec: surefire never runs it.
 *
 * <pre>
 * crash ROOT SEED ID   create / set / fstab / snapshot / destroy / doctor --fix on its own jails, until killed
 * race ROOT SEED ID N JAIL…   N operations that each leave a trace (notes appended, fstab line, snapshot)
 * hold ROOT JAIL       holds the jail's lock until killed
 * warm ROOT            every operation once, then exits (WorkerJvm dumps the classes it loaded)
 * </pre>
 */
class CrashWorker {

    final Path root
    final Random random
    final String id
    final Path source

    CrashWorker(Path root, long seed, String id) {
        this.root = root
        this.random = new Random(seed)
        this.id = id
        this.source = root.resolveSibling('crash-sources')
    }

    static void main(String[] args) {
        Path root = Path.of(args[1])
        switch (args[0]) {
            case 'crash' -> new CrashWorker(root, args[2] as long, args[3]).crash()
            case 'race' -> new CrashWorker(root, args[2] as long, args[3]).race(args[4] as int, args.drop(5) as List)
            case 'hold' -> hold(root, args[2])
            case 'warm' -> new CrashWorker(root, 0, 'w').warm()
            default -> throw new IllegalArgumentException(args[0])
        }
    }

    /** [exit code, stdout + stderr] of one jailsh invocation. */
    List cli(String... args) {
        def out = new ByteArrayOutputStream()
        def ps = new PrintStream(out, true, 'UTF-8')
        int code = Main.run((['--root', root.toString()] + (args as List)) as String[],
                new ByteArrayInputStream(new byte[0]), ps, ps, false)
        [code, out.toString('UTF-8')]
    }

    int op(String op, String jail, String... args) {
        say("BEGIN $op $jail")
        int code = cli(args)[0] as int
        say("END $op $code")
        code
    }

    static synchronized void say(String line) {
        System.out.println(line)
        System.out.flush()
    }

    void crash() {
        List<String> jails = (0..<3).collect { "crash${id}j$it".toString() }
        cli('list') // warms the JVM up, so kills land in operations rather than class loading
        say('READY')
        for (int n = 0; ; n++) {
            String jail = jails[random.nextInt(jails.size())]
            String state = stateOf(jail)
            int dice = random.nextInt(100)
            if (dice < 6) {
                op('doctor', '-', 'doctor', '--fix')
            } else if (state == null) {
                op('create', jail, 'create', '-r', 'busybox', '-n', jail, *(dice % 4 == 0 ? ['-T'] : []))
            } else if (state != 'down') {
                continue
            } else if (dice < 40) {
                op('set', jail, 'set', "notes=n$n", jail)
            } else if (dice < 60) {
                Files.createDirectories(source)
                op('fstab', jail, 'fstab', '-a', jail, source.toString(), "/mnt/m${n % 5}", 'ro')
            } else if (dice < 80) {
                op('snapshot', jail, 'snapshot', jail, '-n', "s$n")
            } else if (dice < 90) {
                op('snapshot', 'crashuser', 'snapshot', 'crashuser', '-n', "w${id}s$n")
            } else {
                op('destroy', jail, 'destroy', '-f', jail)
            }
        }
    }

    void warm() {
        Files.createDirectories(source)
        for (List<String> line : [['fetch', '-r', 'busybox'], ['create', '-r', 'busybox', '-n', 'crashwarm'],
                                  ['set', 'notes=x', 'crashwarm'], ['get', 'notes', 'crashwarm'],
                                  ['fstab', '-a', 'crashwarm', source.toString(), '/mnt', 'ro'],
                                  ['snapshot', 'crashwarm', '-n', 's'], ['list', '-H'],
                                  ['destroy', '-f', 'crashwarm'], ['doctor', '--fix']]) {
            assert cli(line as String[])[0] == 0: line
        }
    }

    /** 'down' for a usable jail, 'broken' for an incomplete or corrupt one, null when there is none (read directly:
     * asking the CLI would spend most of the worker's life between operations). */
    String stateOf(String jail) {
        def found = new JailStore(new IocRoot(root), Reporter.SILENT).find(jail)
        found.isEmpty() ? null : found.get().isCorrupt() ? 'broken' : 'down'
    }

    /** Each operation leaves a trace the other process could erase by writing from a stale read. */
    void race(int count, List<String> jails) {
        say('READY')
        Path go = root.resolveSibling('go')
        while (!Files.exists(go)) {
            Thread.sleep(5)
        }
        String key = id == 'a' ? 'notes' : 'host_domainname'
        for (int i = 0; i < count; i++) {
            String jail = jails[random.nextInt(jails.size())]
            switch (random.nextInt(3)) {
                case 0 -> {
                    // appending to its own property: a lost write shows as a missing entry at the end
                    String now = cli('get', key, jail)[1].trim()
                    String next = (now == 'none' ? '' : now + '_') + "${id}$i"
                    int code = op('set', jail, 'set', "$key=$next", jail)
                    say("SET $jail ${id}$i $code")
                }
                case 1 -> {
                    int code = op('fstab', jail, 'fstab', '-a', jail, source.toString(), "/mnt/${id}$i", 'ro')
                    say("FSTAB $jail /mnt/${id}$i $code")
                }
                default -> {
                    int code = op('snapshot', jail, 'snapshot', jail, '-n', "${id}$i")
                    say("SNAP $jail ${id}$i $code")
                }
            }
        }
        say('DONE')
    }

    static void hold(Path root, String jail) {
        def store = new JailStore(new IocRoot(root), Reporter.SILENT)
        store.lock(jail, "jailsh set $jail").withCloseable {
            // held in a variable: an unreachable channel is closed by its cleaner, and the OS lock with it
            say('LOCKED')
            Thread.sleep(600_000)
        }
    }
}
