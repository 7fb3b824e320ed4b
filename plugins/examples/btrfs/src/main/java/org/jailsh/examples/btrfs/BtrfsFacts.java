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

    /** Mount points at or below {@code dir} in this process's mount table. */
    static List<String> mountedUnder(Path dir) {
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    Path point = Path.of(unescape(fields[4]));
                    if (point.startsWith(dir)) {
                        found.add(point.toString());
                    }
                }
            }
        } catch (IOException e) {
            found.add("(cannot read /proc/self/mountinfo: " + e.getMessage() + ")");
        }
        return found;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
