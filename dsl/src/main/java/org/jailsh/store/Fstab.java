package org.jailsh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ValidationException;
import org.jailsh.spi.exec.AtomicFiles;

/**
 * A jail's {@code fstab} in iocage's format: {@code SRC\tHOSTDST\tTYPE\tOPTS\t0\t0}, where HOSTDST is the destination
 * as a host path under the jail's root. Callers see destinations inside the jail ({@code /media}).
 */
public final class Fstab {

    private final Path file;
    private final Path jailRoot;
    private final List<MountEntry> entries;
    /** Lines whose destination is not under this jail's root (a stale path): written back exactly as read. */
    private final java.util.Set<MountEntry> foreign;

    private Fstab(Path file, Path jailRoot, List<MountEntry> entries, java.util.Set<MountEntry> foreign) {
        this.file = file;
        this.jailRoot = jailRoot;
        this.entries = entries;
        this.foreign = foreign;
    }

    public static Fstab read(Path file, Path jailRoot) {
        List<MountEntry> entries = new ArrayList<>();
        java.util.Set<MountEntry> foreign = new java.util.HashSet<>();
        if (Files.exists(file)) {
            try {
                int number = 0;
                for (String raw : Files.readAllLines(file)) {
                    number++;
                    String line = raw.trim();
                    // a comment starts a line; iocage's "# Added by iocage" after the sixth field is ignored below
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\\s+");
                    if (f.length < 4) {
                        throw new CorruptFileException(file, "line " + number + " has fewer than 4 fields");
                    }
                    String destination = unescape(f[1]);
                    String inJail = inside(jailRoot, destination);
                    MountEntry entry = new MountEntry(unescape(f[0]), inJail, f[2], f[3]);
                    if (inJail.equals(destination) && !destination.equals("/")) {
                        foreign.add(entry);
                    }
                    entries.add(entry);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Fstab(file, jailRoot, entries, foreign);
    }

    public List<MountEntry> entries() {
        return List.copyOf(entries);
    }

    public Fstab with(MountEntry entry) {
        List<MountEntry> copy = new ArrayList<>(entries);
        copy.removeIf(e -> e.destination().equals(entry.destination()));
        copy.add(entry);
        return new Fstab(file, jailRoot, copy, foreign);
    }

    public Fstab without(String destination) {
        List<MountEntry> copy = new ArrayList<>(entries);
        if (!copy.removeIf(e -> e.destination().equals(destination))) {
            throw new ValidationException("no mount at " + destination, "see the jail's mounts with 'fstab -l NAME'");
        }
        return new Fstab(file, jailRoot, copy, foreign);
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        for (MountEntry e : entries) {
            out.append(escape(e.source())).append('\t')
                    .append(escape(foreign.contains(e) ? e.destination() : jailRoot + e.destination())).append('\t')
                    .append(e.type()).append('\t').append(e.options()).append("\t0\t0")
                    .append(" # Added by jailsh\n");
        }
        return out.toString();
    }

    public void write() {
        AtomicFiles.write(file, format());
    }

    /** A host path under the jail root becomes a path inside the jail; anything else is kept as written. */
    private static String inside(Path jailRoot, String hostPath) {
        String root = jailRoot.toString();
        if (hostPath.equals(root)) {
            return "/";
        }
        return hostPath.startsWith(root + "/") ? hostPath.substring(root.length()) : hostPath;
    }

    /** Whether this mount's destination was read as a host path outside the jail root, and is kept as it was. */
    public boolean isForeign(MountEntry entry) {
        return foreign.contains(entry);
    }

    /** fstab(5) escapes white space, '#' and '\\' as octal, so a field never splits or starts a comment. */
    static String escape(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '#' || c == '\\') {
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Decodes every {@code \\ooo} octal escape, as strvis(3) writes them (iocage escapes '(' and more). */
    public static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-3][0-7]{2}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
