package org.jailsh.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of the real disk a fake host may change: everything below one directory (a spec's temporary IOCROOT) and
 * nothing else. Paths are normalised, a symlink is never followed (nothing here creates one), and a path outside the
 * directory is refused, so a fake host cannot touch the real host's files however a spec drives it.
 */
final class FakeDisk {

    /** The files and directories of one dataset's own tree (child datasets excluded), relative paths. */
    record Tree(Map<String, byte[]> files, Set<String> dirs) {

        static final Tree EMPTY = new Tree(Map.of(), Set.of());
    }

    private final Path root;

    FakeDisk(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** True for paths at or below the root. */
    boolean owns(Path path) {
        return path != null && path.toAbsolutePath().normalize().startsWith(root);
    }

    /** The path, normalised, if it is below the root and no existing component below the root is a symlink. */
    Path safe(Path path) {
        if (!owns(path)) {
            throw new IllegalArgumentException(path + " is outside the fake host's directory " + root);
        }
        Path p = path.toAbsolutePath().normalize();
        Path walk = root;
        for (Path part : root.relativize(p)) {
            walk = walk.resolve(part);
            if (Files.isSymbolicLink(walk)) {
                throw new IllegalStateException(walk + " is a symlink; the fake host never follows one");
            }
        }
        return p;
    }

    boolean isDir(Path path) {
        return owns(path) && Files.isDirectory(safe(path), LinkOption.NOFOLLOW_LINKS);
    }

    boolean isFile(Path path) {
        return owns(path) && Files.isRegularFile(safe(path), LinkOption.NOFOLLOW_LINKS);
    }

    /** The file's text, or null when it is not a regular file below the root. */
    String read(Path path) {
        if (!isFile(path)) {
            return null;
        }
        try {
            return Files.readString(safe(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Path path, String content) {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    void write(Path path, byte[] content) {
        Path p = safe(path);
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    void mkdirs(Path path) {
        Path p = safe(path);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a regular file; false when there was none. */
    boolean deleteFile(Path path) {
        if (!isFile(path)) {
            return false;
        }
        try {
            Files.delete(safe(path));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a tree below the root (never the root itself), links as links. */
    void deleteTree(Path path) {
        Path p = safe(path);
        if (p.equals(root) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        clear(p, Set.of());
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names in the directory, for noticing a mount over a non-empty directory. */
    Set<String> entries(Path dir) {
        Set<String> names = new TreeSet<>();
        if (!isDir(dir)) {
            return names;
        }
        try (var list = Files.list(safe(dir))) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The dataset's own files and directories below {@code dir}, skipping the mount points in {@code except}. */
    Tree capture(Path dir, Set<Path> except) {
        Map<String, byte[]> files = new TreeMap<>();
        Set<String> dirs = new TreeSet<>();
        if (!isDir(dir)) {
            return new Tree(files, dirs);
        }
        Path base = safe(dir);
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(base) && except.contains(d)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!d.equals(base)) {
                        dirs.add(base.relativize(d).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        files.put(base.relativize(f).toString(), Files.readAllBytes(f));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Tree(files, dirs);
    }

    /** Removes everything below {@code dir} except the mount points in {@code except} (and the paths to them). */
    void clear(Path dir, Set<Path> except) {
        if (!Files.isDirectory(safe(dir), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path base = safe(dir);
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(base) && except.contains(d) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    if (!d.equals(base) && except.stream().noneMatch(m -> m.startsWith(d))) {
                        Files.delete(d);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a captured tree below {@code dir}. */
    void restore(Path dir, Tree tree) {
        mkdirs(dir);
        for (String d : tree.dirs()) {
            mkdirs(dir.resolve(d));
        }
        tree.files().forEach((name, bytes) -> write(dir.resolve(name), bytes));
    }

    void move(Path from, Path to) {
        Path a = safe(from);
        Path b = safe(to);
        try {
            Files.createDirectories(b.getParent());
            Files.move(a, b, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + a + " to " + b + ": " + e.getMessage(), e);
        }
    }

    /** Relative path → sha256 of every file below {@code dir} (directories as "dir"), for read-only checks. */
    Map<String, String> fingerprint(Path dir) {
        Map<String, String> print = new TreeMap<>();
        Tree tree = capture(dir, Set.of());
        tree.dirs().forEach(d -> print.put(d, "dir"));
        tree.files().forEach((name, bytes) -> print.put(name, sha256(bytes)));
        return print;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
