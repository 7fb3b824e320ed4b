package org.jailsh.shell

import java.nio.file.Files
import java.nio.file.Path

/** The CLI run in this JVM (Main.run) against one state root, for end-to-end specs that make their own root. */
class RootCli {

    final Path root

    RootCli(Path root) {
        this.root = root
    }

    /** [exit code, stdout, stderr] of one CLI line. */
    List run(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run((['--root', root.toString()] + (args as List)) as String[],
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, 'UTF-8'),
                new PrintStream(err, true, 'UTF-8'), false)
        [code, out.toString('UTF-8'), err.toString('UTF-8')]
    }

    String ok(String... args) {
        def (code, out, err) = run(args)
        assert code == 0: "${args.join(' ')}: $out$err"
        out
    }

    /** Removes a spec's tree, only when it is the spec's own (by prefix) and nothing below it is mounted. */
    static void remove(Path base, String prefix) {
        if (base == null || !base.isAbsolute() || !base.fileName.toString().startsWith(prefix)) {
            return
        }
        assert !Files.readString(Path.of('/proc/self/mountinfo')).contains(base.toString())
        new ProcessBuilder('rm', '-rf', '--one-file-system', '--', base.toString()).inheritIO().start().waitFor()
    }
}
