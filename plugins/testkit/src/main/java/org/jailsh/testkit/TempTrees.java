package org.jailsh.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Removes a spec's temporary tree the safe way (the parent pom turns Spock's own clean-up off because it follows
 * symlinks): never through a symlink (a link is deleted as a link), never while anything is mounted below the tree,
 * and only below the JVM's temporary directory.
 */
public final class TempTrees {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private TempTrees() {
    }

    public static void remove(Path tree) {
        if (tree == null) {
            return;
        }
        Path target = tree.toAbsolutePath().normalize();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (!target.startsWith(tmp) || target.equals(tmp) || target.getNameCount() < 2) {
            throw new IllegalArgumentException("refusing to remove " + target + ": not below " + tmp);
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(target)) {
            delete(target);
            return;
        }
        mountedBelow(target);
        try {
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + target + ": " + e.getMessage(), e);
        }
    }

    private static void mountedBelow(Path target) {
        if (!Files.isReadable(MOUNTINFO)) {
            return;
        }
        try {
            String prefix = target.toString();
            List<String> mounted = Files.readAllLines(MOUNTINFO).stream().map(l -> l.split(" "))
                    .filter(f -> f.length > 4).map(f -> f[4].replace("\\040", " "))
                    .filter(m -> m.equals(prefix) || m.startsWith(prefix + "/")).toList();
            if (!mounted.isEmpty()) {
                throw new IllegalStateException("refusing to remove " + target + ": " + mounted.get(0)
                        + " is mounted");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path + ": " + e.getMessage(), e);
        }
    }
}
