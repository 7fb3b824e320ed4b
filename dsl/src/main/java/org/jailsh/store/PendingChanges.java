package org.jailsh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jailsh.spi.exec.AtomicFiles;

/**
 * Marks a jail whose create or destroy is under way in {@code IOCROOT/.jailsh/pending/NAME}: written before the first
 * change, removed after the last. A marker left behind means jailsh died part-way, so the jail is incomplete whatever
 * its files look like. Kept outside the jail's directory so that iocage's layout (and a storage that mounts a dataset
 * there) is untouched.
 */
public final class PendingChanges {

    public static final String CREATE = "create";
    public static final String DESTROY = "destroy";

    private final Path dir;

    public PendingChanges(IocRoot root) {
        this.dir = root.jailshDir().resolve("pending");
    }

    public void mark(String jail, String change) {
        AtomicFiles.write(dir.resolve(jail), change + "\n");
    }

    public void clear(String jail) {
        try {
            Files.deleteIfExists(dir.resolve(jail));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(jail) + ": " + e.getMessage(), e);
        }
    }

    /** The change left unfinished on {@code jail} ({@link #CREATE} or {@link #DESTROY}), if any. */
    public Optional<String> of(String jail) {
        Path file = dir.resolve(jail);
        if (jail.contains("/") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String change = Files.readString(file).strip();
            return Optional.of(change.equals(DESTROY) ? DESTROY : CREATE);
        } catch (IOException e) {
            return Optional.of(CREATE);
        }
    }

    /** Every marker, by jail name (temporary files of an interrupted write are not markers). */
    public Map<String, String> all() {
        Map<String, String> all = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .forEach(n -> all.put(n, of(n).orElse(CREATE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return all;
    }
}
