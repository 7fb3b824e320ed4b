package org.jailsh.spi;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The only door to the operating system for providers: commands as argv lists, and the few file writes a provider
 * needs. Implementations: local (does it), dry-run (prints what it would do), recording (specs).
 */
public interface HostExec {

    /** Runs the command and returns its result; a non-zero exit is not an exception (see {@link ExecResult#check}). */
    ExecResult run(Command command);

    /**
     * Runs the command and hands each line of its standard output to {@code lines} as the command writes it, so that a
     * provider can report progress (tar --verbose, apt); the result still holds the whole output. Implementations that
     * cannot stream hand the lines over when the command has ended.
     */
    default ExecResult run(Command command, Consumer<String> lines) {
        ExecResult result = run(command);
        result.stdout().lines().forEach(lines);
        return result;
    }

    /** Runs the command and fails with {@link HostCommandException} unless it exits 0. */
    default ExecResult check(Command command) {
        return run(command).check();
    }

    default ExecResult check(String... argv) {
        return check(Command.of(argv));
    }

    /**
     * Sends {@code TERM} or {@code KILL} to a process, as {@code kill -SIGNAL PID} does; the local implementation does
     * it without starting a program.
     */
    default ExecResult signal(long pid, String signal) {
        return run(Command.of("kill", "-" + signal, Long.toString(pid)));
    }

    /** Removes a file when it is there, as {@code rm -f -- PATH} does; the local implementation needs no program. */
    default ExecResult remove(Path path) {
        return run(Command.of("rm", "-f", "--", path.toString()));
    }

    /** Writes a file atomically (temporary file, fsync, rename), creating parent directories. */
    void writeFile(Path path, String content);

    /**
     * Writes a file whose meaning ends with the processes it describes (a PID record, the links a running jail holds):
     * atomically, but the local implementation skips the fsyncs, since after a crash of the host it is stale anyway.
     */
    default void writeTransient(Path path, String content) {
        writeFile(path, content);
    }

    /** True when nothing is really done: commands are only shown. Providers must not rely on reading their effects. */
    boolean dryRun();
}
