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

    private Fstab(Path file, Path jailRoot, List<MountEntry> entries) {
        this.file = file;
        this.jailRoot = jailRoot;
        this.entries = entries;
    }

    public static Fstab read(Path file, Path jailRoot) {
        List<MountEntry> entries = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                int number = 0;
                for (String raw : Files.readAllLines(file)) {
                    number++;
                    String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 4) {
                        throw new CorruptFileException(file, "line " + number + " has fewer than 4 fields");
                    }
                    entries.add(new MountEntry(unescape(f[0]), inside(jailRoot, unescape(f[1])), f[2], f[3]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Fstab(file, jailRoot, entries);
    }

    public List<MountEntry> entries() {
        return List.copyOf(entries);
    }

    public Fstab with(MountEntry entry) {
        List<MountEntry> copy = new ArrayList<>(entries);
        copy.removeIf(e -> e.destination().equals(entry.destination()));
        copy.add(entry);
        return new Fstab(file, jailRoot, copy);
    }

    public Fstab without(String destination) {
        List<MountEntry> copy = new ArrayList<>(entries);
        if (!copy.removeIf(e -> e.destination().equals(destination))) {
            throw new ValidationException("no mount at " + destination, "see the jail's mounts with 'fstab -l NAME'");
        }
        return new Fstab(file, jailRoot, copy);
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        for (MountEntry e : entries) {
            out.append(escape(e.source())).append('\t')
                    .append(escape(jailRoot + e.destination())).append('\t')
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

    /** fstab(5) escapes spaces and tabs as octal. */
    static String escape(String path) {
        return path.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011");
    }

    static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
    }
}
