package org.jailsh.verbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jailsh.spi.JailshException;

/**
 * Removes a directory tree without ever following a symlink or descending into a mount point: a jail's directory may
 * hold bind mounts of host data, and deleting through one would destroy what the user only lent the jail.
 */
final class SafeDelete {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private SafeDelete() {
    }

    static void tree(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> mounted = mountsUnder(target);
        if (!mounted.isEmpty()) {
            throw new JailshException("refusing to delete " + target + ": " + mounted.get(0) + " is still mounted",
                    "stop the jail or unmount it first (umount " + mounted.get(0) + ")");
        }
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + target + ": " + e.getMessage(), e);
        }
    }

    /** Mount points at or below {@code dir}, from the kernel's own table (empty where there is none). */
    static List<String> mountsUnder(Path dir) {
        if (!Files.isReadable(MOUNTINFO)) {
            return List.of();
        }
        try {
            String prefix = dir.toString();
            return Files.readAllLines(MOUNTINFO).stream()
                    .map(line -> line.split(" "))
                    .filter(fields -> fields.length > 4)
                    .map(fields -> org.jailsh.store.Fstab.unescape(fields[4]))
                    .filter(mount -> mount.equals(prefix) || mount.startsWith(prefix + "/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
