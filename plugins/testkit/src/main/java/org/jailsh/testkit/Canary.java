package org.jailsh.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory on the host that hostile-input specs aim at and then prove untouched: made under the JVM's temporary
 * directory with a known tree (files, a nested directory, a relative link that stays inside it), fingerprinted, and
 * compared with {@link #changes()}. {@link #fingerprint} does the same for any tree, e.g. a state root's other jails.
 * Entries are fingerprinted with their permissions and owner; symlinks by their target, never followed.
 */
public final class Canary {

    private final Path dir;
    private final Map<String, String> expected;

    private Canary(Path dir) {
        this.dir = dir;
        this.expected = fingerprint(dir);
    }

    /** Makes {@code /tmp/jailsh-canary-TAG-XXXX} with its known tree. */
    public static Canary create(String tag) {
        try {
            Path dir = Files.createTempDirectory("jailsh-canary-" + tag + "-");
            Files.writeString(dir.resolve("keep"), "canary " + tag + "\n");
            Files.createDirectories(dir.resolve("sub/deeper"));
            Files.writeString(dir.resolve("sub/deeper/data"), "do not touch\n");
            Files.write(dir.resolve("sub/bytes"), new byte[] {0, 1, 2, (byte) 0xff});
            Files.createSymbolicLink(dir.resolve("sub/link"), Path.of("deeper/data"));
            return new Canary(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** What differs from the tree as made: added, removed or changed entries, by relative path; empty when intact. */
    public List<String> changes() {
        return diff(expected, fingerprint(dir));
    }

    public boolean intact() {
        return changes().isEmpty();
    }

    /** Removes the canary the safe way ({@link TempTrees#remove}). */
    public void remove() {
        TempTrees.remove(dir);
    }

    /** Every entry under {@code tree}: relative path -> kind, mode-free content hash or link target. */
    public static Map<String, String> fingerprint(Path tree) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = tree.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, "dir " + mode(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, "file " + mode(p) + " " + sha256(Files.readAllBytes(p)));
                } else {
                    out.put(rel, "other");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Permissions and owner: a chmod or chown through a link shows as a change. */
    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) + " "
                + Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    /** The entries that differ between two fingerprints, as readable lines. */
    public static List<String> diff(Map<String, String> before, Map<String, String> after) {
        TreeMap<String, String> all = new TreeMap<>(before);
        after.forEach(all::putIfAbsent);
        return all.keySet().stream().filter(k -> !java.util.Objects.equals(before.get(k), after.get(k)))
                .map(k -> k + ": " + before.getOrDefault(k, "(none)") + " -> " + after.getOrDefault(k, "(none)"))
                .toList();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return dir + " (" + expected.size() + " entries)";
    }
}
