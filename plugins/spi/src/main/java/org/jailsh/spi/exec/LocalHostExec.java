package org.jailsh.spi.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            feed(process.getOutputStream(), command.stdin());
            String out = drain(process.getInputStream());
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

    @Override
    public void writeFile(Path path, String content) {
        log.accept("write: " + path);
        AtomicFiles.write(path, content);
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

    private static String drain(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            stream.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
