package org.jailsh.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Debian mirror the host already uses, read from {@code /etc/apt/sources.list} and {@code sources.list.d}
 * ({@code deb} lines and deb822 {@code URIs:} fields); {@code http://deb.debian.org/debian} when there is none.
 */
final class DebianMirror {

    static final String DEFAULT = "http://deb.debian.org/debian";
    private static final Pattern DEB_LINE = Pattern.compile("^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+(\\S+).*$");
    private static final Pattern URIS = Pattern.compile("^URIs:\\s*(\\S+).*$");

    private DebianMirror() {
    }

    /** @param aptDir the host's {@code /etc/apt} */
    static String of(Path aptDir) {
        List<Path> files = new ArrayList<>();
        files.add(aptDir.resolve("sources.list"));
        Path dir = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources")).sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                // no mirror from there: the default follows
            }
        }
        for (Path file : files) {
            Optional<String> found = read(file);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return DEFAULT;
    }

    static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                Matcher deb = DEB_LINE.matcher(line);
                Matcher uris = URIS.matcher(line);
                String uri = deb.matches() ? deb.group(1) : uris.matches() ? uris.group(1) : null;
                if (uri != null && uri.matches("https?://\\S+") && isDebianArchive(uri)) {
                    return Optional.of(uri.replaceAll("/+$", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The main archive, not security updates or backports. */
    private static boolean isDebianArchive(String uri) {
        return uri.contains("debian") && !uri.contains("security") && !uri.contains("-security");
    }
}
