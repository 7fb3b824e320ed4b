package org.jailsh.freebsd;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import org.jailsh.spi.JailshException;

/**
 * Downloads of release files: {@code http}, {@code https} or {@code file} URLs (specs use the latter), streamed to a
 * temporary file beside the target and moved into place, so a broken download never looks complete.
 */
final class Downloads {

    private Downloads() {
    }

    static void fetch(URI uri, Path target) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            switch (scheme) {
                case "file" -> Files.copy(Path.of(uri), temp, StandardCopyOption.REPLACE_EXISTING);
                case "http", "https" -> http(uri, temp);
                default -> throw new JailshException("cannot download " + uri + ": only http, https and file URLs",
                        "give a mirror such as http://download.freebsd.org/ftp/releases/");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new JailshException("cannot download " + uri + ": " + e.getMessage(),
                    "check the mirror (-s) and the network", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JailshException("interrupted while downloading " + uri);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the download's own error matters more
            }
        }
    }

    private static void http(URI uri, Path temp) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<Path> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofFile(temp));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new JailshException("cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
