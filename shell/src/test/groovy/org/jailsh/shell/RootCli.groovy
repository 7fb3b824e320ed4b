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
        CliRun.run(root, args as List)
    }

    String ok(String... args) {
        def (code, out, err) = run(args)
        assert code == 0: "${args.join(' ')}: $out$err"
        out
    }

    /**
     * The end of an end-to-end spec that ran jails under {@code base/iocage}: stops them all, lets their mounts go,
     * then removes the tree as {@link #remove} does. A jail that did not stop keeps its tree.
     */
    static void stopAllAndRemove(Path base, String prefix, long settleMillis) {
        if (base == null || !base.isAbsolute() || !base.fileName.toString().startsWith(prefix)) {
            return
        }
        try {
            CliRun.run(base.resolve('iocage'), ['stop', 'ALL'])
        } finally {
            Thread.sleep(settleMillis)
            remove(base, prefix)
        }
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
