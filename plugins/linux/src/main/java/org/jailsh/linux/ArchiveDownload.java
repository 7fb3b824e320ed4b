package org.jailsh.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jailsh.spi.JailshException;
import org.jailsh.spi.Reporter;

/**
 * Downloads one archive into a file: {@code file:} URLs are copied, {@code http(s):} ones fetched with
 * {@link HttpClient} into {@code FILE.part}, which a later attempt (or a later fetch) resumes with a {@code Range}
 * request. Failed attempts are retried with a growing pause; the finished file is renamed into place and its sha256
 * checked. Network and file I/O only: no host command runs here.
 */
final class ArchiveDownload {

    static final int ATTEMPTS = 3;
    static final long FIRST_PAUSE_MILLIS = 1000;
    static final long IDLE_MILLIS = 60_000;
    private static final int BUFFER = 64 * 1024;
    /** Closes a response body that has stalled, which ends the blocked read with an IOException: the attempt fails. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jailsh-download-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final JailStopper.Pause pause;
    private final long idleMillis;
    /** Made on first use: an HttpClient starts a selector thread, which no other verb of jailsh should pay for. */
    private HttpClient http;

    ArchiveDownload(JailStopper.Pause pause, long idleMillis) {
        this.pause = pause;
        this.idleMillis = idleMillis;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
        }
        return http;
    }

    /** A failed attempt: {@code retry} is false when trying again cannot help (404, a bad URL). */
    static final class Failure extends Exception {
        final boolean retry;

        Failure(String message, boolean retry) {
            super(message);
            this.retry = retry;
        }
    }

    /** Brings {@code url} to {@code file} (unless it is there already) and checks its sha256. */
    void fetch(URI url, Path file, String sha256, String task, Reporter reporter) {
        if (!Files.isRegularFile(file)) {
            download(url, file, task, reporter);
        }
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(sha256)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                reporter.warn("cannot remove " + file + ": " + e.getMessage());
            }
            throw new JailshException("sha256 mismatch for " + url + ": expected " + sha256.toLowerCase()
                    + ", got " + actual + "; the download was removed",
                    "check the URL and the --sha256 value (sha256sum FILE prints it)");
        }
    }

    private void download(URI url, Path file, String task, Reporter reporter) {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (url.getScheme().equalsIgnoreCase("file")) {
                    copy(Path.of(url), part, task, reporter);
                } else {
                    get(url, part, task, reporter);
                }
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (Failure e) {
                last = e.getMessage();
                if (!e.retry) {
                    break;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < ATTEMPTS) {
                long millis = FIRST_PAUSE_MILLIS << (attempt - 1);
                reporter.warn("download of " + url + " failed (" + last + "); attempt " + (attempt + 1) + " of "
                        + ATTEMPTS + " in " + millis / 1000.0 + " s");
                pause.pause(millis);
            }
        }
        throw new JailshException("cannot download " + url + ": " + last,
                Files.exists(part) ? "fetch again to resume from " + part : "check the URL and the network");
    }

    private void copy(Path source, Path part, String task, Reporter reporter) throws IOException, Failure {
        if (!Files.isRegularFile(source)) {
            throw new Failure("no such file: " + source, false);
        }
        try (InputStream in = Files.newInputStream(source)) {
            write(in, part, false, 0, Files.size(source), task, reporter);
        }
    }

    private void get(URI url, Path part, String task, Reporter reporter) throws IOException, Failure {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", false);
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage(), false);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (status == 206 && have > 0 && rangeStart(response).orElse(-1L) == have) {
                write(body, part, true, have, length < 0 ? -1 : have + length, task, reporter);
            } else if (status == 200) {
                write(body, part, false, 0, length, task, reporter);
            } else if (status == 416 || status == 206) {
                // the partial file does not match what the server offers to resume with: start over
                Files.deleteIfExists(part);
                throw new Failure("the server cannot resume the partial download (" + status + ")", true);
            } else {
                throw new Failure("the server answered " + status, status >= 500 || status == 408 || status == 429);
            }
        }
    }

    private static Optional<Long> rangeStart(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Range").map(v -> v.replaceFirst("^bytes\\s+", ""))
                .filter(v -> v.matches("\\d+-.*")).map(v -> Long.parseLong(v.substring(0, v.indexOf('-'))));
    }

    private void write(InputStream in, Path part, boolean append, long done, long total, String task,
                       Reporter reporter) throws IOException {
        Files.createDirectories(part.getParent());
        long shown = -1;
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> dog = WATCHDOG.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastRead.get() > TimeUnit.MILLISECONDS.toNanos(idleMillis)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reader fails either way
                }
            }
        }, idleMillis / 4 + 1, idleMillis / 4 + 1, TimeUnit.MILLISECONDS);
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[BUFFER];
            reporter.progress(task, done, total);
            for (int n; (n = in.read(buffer)) > 0; ) {
                lastRead.set(System.nanoTime());
                out.write(buffer, 0, n);
                done += n;
                if (done - shown >= 1 << 20) {
                    reporter.progress(task, done, total);
                    shown = done;
                }
            }
        } finally {
            dog.cancel(false);
        }
        reporter.progress(task, done, total);
        if (total >= 0 && done != total) {
            throw new IOException("the download ended after " + done + " of " + total + " bytes");
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new JailshException("cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
