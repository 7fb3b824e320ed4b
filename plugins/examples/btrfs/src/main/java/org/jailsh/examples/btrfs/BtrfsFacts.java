package org.jailsh.examples.btrfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the provider reads from the file system itself (never through a command, so probes stay cheap). */
final class BtrfsFacts {

    /** The inode number of every subvolume's top directory on btrfs (BTRFS_FIRST_FREE_OBJECTID). */
    private static final long SUBVOLUME_INODE = 256L;

    private BtrfsFacts() {
    }

    /** The file system type of {@code path}, or of its nearest existing parent (the state root may not exist yet). */
    static String fsType(Path path) {
        Path p = path.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return "unknown";
        }
        try {
            return Files.getFileStore(p).type();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static boolean isSubvolume(Path dir) {
        try {
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    && ((Number) Files.getAttribute(dir, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue()
                    == SUBVOLUME_INODE && "btrfs".equals(Files.getFileStore(dir).type());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Mount points at or below {@code dir} in this process's mount table, as mountinfo writes them. */
    static List<String> mountedUnder(Path dir) {
        // mountinfo escapes space, tab, newline and backslash in octal; escaping our path compares like with like.
        String escaped = dir.toString().replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011")
                .replace("\n", "\\012");
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && (fields[4].equals(escaped) || fields[4].startsWith(escaped + "/"))) {
                    found.add(fields[4]);
                }
            }
        } catch (IOException e) {
            found.add("(cannot read /proc/self/mountinfo: " + e.getMessage() + ")");
        }
        return found;
    }
}
