package org.jailsh.spi.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.JailshException;

/** Runs commands on this host for real. Every command, its exit code and its output go to the log. */
public final class LocalHostExec implements HostExec {

    private final Consumer<String> log;

    public LocalHostExec(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public ExecResult run(Command command) {
        return run(command, line -> { });
    }

    @Override
    public ExecResult run(Command command, Consumer<String> lines) {
        log.accept("exec: " + command.display());
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().putAll(command.env());
        if (command.workDir() != null) {
            builder.directory(command.workDir().toFile());
        }
        if (command.interactive()) {
            builder.inheritIO();
        }
        try {
            Process process = builder.start();
            if (command.interactive()) {
                int code = waitFor(process);
                log.accept("exit " + code);
                return new ExecResult(command, code, "", "");
            }
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream(), line -> { }));
            feed(process.getOutputStream(), command.stdin());
            String out = drain(process.getInputStream(), lines);
            int code = waitFor(process);
            ExecResult result = new ExecResult(command, code, out, err.join());
            log.accept("exit " + code + (out.isBlank() ? "" : "\n" + out.strip())
                    + (result.stderr().isBlank() ? "" : "\nstderr: " + result.stderr().strip()));
            return result;
        } catch (IOException e) {
            log.accept("cannot run: " + e.getMessage());
            throw new JailshException("cannot run " + command.argv().get(0) + ": " + e.getMessage(),
                    "is it installed and on PATH?", e);
        }
    }

    /** {@code kill} without a process: a start+stop cycle is a few milliseconds shorter (issue 9). */
    @Override
    public ExecResult signal(long pid, String signal) {
        if (!signal.equals("TERM") && !signal.equals("KILL")) {
            return HostExec.super.signal(pid, signal);
        }
        Command command = Command.of("kill", "-" + signal, Long.toString(pid));
        log.accept("exec: " + command.display() + " (in-process)");
        boolean sent = ProcessHandle.of(pid).map(p -> signal.equals("TERM") ? p.destroy() : p.destroyForcibly())
                .orElse(false);
        log.accept("exit " + (sent ? 0 : 1));
        return new ExecResult(command, sent ? 0 : 1, "", sent ? "" : "kill: (" + pid + "): no such process");
    }

    @Override
    public ExecResult remove(Path path) {
        Command command = Command.of("rm", "-f", "--", path.toString());
        log.accept("exec: " + command.display() + " (in-process)");
        try {
            Files.deleteIfExists(path);
            log.accept("exit 0");
            return new ExecResult(command, 0, "", "");
        } catch (IOException e) {
            log.accept("exit 1\nstderr: " + e);
            return new ExecResult(command, 1, "", "rm: cannot remove '" + path + "': " + e.getMessage());
        }
    }

    @Override
    public void writeFile(Path path, String content) {
        log.accept("write: " + path);
        AtomicFiles.write(path, content);
    }

    @Override
    public void writeTransient(Path path, String content) {
        log.accept("write: " + path);
        AtomicFiles.write(path, content.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new JailshException("interrupted while running " + process.info().command().orElse("a command"));
        }
    }

    /**
     * A command may exit, or close its input, before reading all of it (a check that fails early): the write then
     * fails with "Stream closed" or a broken pipe, and the command's exit code and output still say how it went.
     */
    private static void feed(OutputStream stdin, String input) {
        try (stdin) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // see above: not the command's failure to start
        }
    }

    /** The whole output, each line also handed to {@code lines} as soon as it is complete. */
    private static String drain(InputStream stream, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            StringBuilder all = new StringBuilder();
            char[] chunk = new char[8192];
            StringBuilder line = new StringBuilder();
            for (int n; (n = reader.read(chunk)) > 0; ) {
                all.append(chunk, 0, n);
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        lines.accept(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(chunk[i]);
                    }
                }
            }
            if (!line.isEmpty()) {
                lines.accept(line.toString());
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
