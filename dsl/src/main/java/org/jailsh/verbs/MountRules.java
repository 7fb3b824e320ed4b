package org.jailsh.verbs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.jailsh.model.ValueChecks;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/**
 * The rules for a jail's mount points (the seed's Additional Storage): the source is a host path outside the jail's
 * own directory; the destination is inside the jail, and no part of it may be a symlink, because a symlink planted
 * inside the jail could redirect the mount onto a host path.
 */
public final class MountRules {

    private MountRules() {
    }

    public static MountEntry entry(String source, String destination, boolean readOnly) {
        return new MountEntry(source, destination, "nullfs", readOnly ? "ro" : "rw");
    }

    /**
     * Checks one mount of {@code jail}; returns it with both paths normalised. {@code layers} are the directories the
     * jail's root is assembled from (an overlay's upper and lower dirs), each checked for planted symlinks too.
     */
    public static MountEntry check(StoredJail jail, MountEntry mount, java.util.List<Path> layers) {
        String name = jail.name();
        Path source = absolute(name, "source", mount.source());
        Path destination = absolute(name, "destination", mount.destination());
        if (destination.getNameCount() == 0) {
            throw new ValidationException(name + ": a mount cannot replace the jail's root (/)",
                    "mount onto a directory inside the jail, e.g. /media");
        }
        Path jailDir = real(jail.dir().toAbsolutePath().normalize());
        Path realSource = real(source);
        if (realSource.startsWith(jailDir) || jailDir.startsWith(realSource)) {
            throw new ValidationException(name + ": mount source " + source + (realSource.startsWith(jailDir)
                    ? " is inside the jail's own data" : " contains the jail's own directory (its config.json)"),
                    "mount a host directory that neither lies in nor contains " + jail.dir());
        }
        checkNoSymlink(jail, jail.root(), destination);
        for (Path layer : layers) {
            checkNoSymlink(jail, layer, destination);
        }
        return new MountEntry(source.toString(), destination.toString(), mount.type(), mount.options());
    }

    /** Creates a missing mount source on the host (the seed: "created if missing"); a plan only shows it. */
    static void ensureSource(org.jailsh.plan.ApplyContext ctx, MountEntry mount) {
        Path source = Path.of(mount.source());
        if (Files.exists(source)) {
            return;
        }
        ctx.note("mkdir -p " + source);
        if (!ctx.dryRun()) {
            try {
                Files.createDirectories(source);
            } catch (java.io.IOException e) {
                throw new ValidationException("cannot create mount source " + source + ": " + e.getMessage(),
                        "create it yourself or choose another path");
            }
        }
    }

    /** The path with every symlink resolved, as far as it exists; the rest appended as written. */
    static Path real(Path path) {
        Path existing = path;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (java.io.IOException e) {
            return path;
        }
    }

    private static Path absolute(String jail, String what, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(jail + ": the mount " + what + " is empty", "give an absolute path");
        }
        for (char c : text.toCharArray()) {
            if (c < 0x20) {
                throw new ValidationException(jail + ": mount " + what + " '" + ValueChecks.printable(text)
                        + "' contains a control character", "give a plain absolute path");
            }
        }
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            throw new ValidationException(jail + ": mount " + what + " '" + text + "' is not absolute",
                    "write it starting with /, e.g. /mnt/tank/media");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new ValidationException(jail + ": mount " + what + " '" + text + "' contains '..'",
                        "write the path without '..'");
            }
        }
        return path.normalize();
    }

    /**
     * Makes the missing mount points of {@code mounts} inside the jail's root before it starts (jail(8) mounts its
     * fstab only onto existing directories; iocage makes them with {@code mkdir -p}). Each destination is walked
     * from the root first, so a symlink the jail planted is refused rather than followed. Nothing is made when the
     * root itself is not there (it is assembled at start) or in a dry run, where the plan shows the mkdir.
     */
    public static void ensureDestinations(StoredJail jail, java.util.List<MountEntry> mounts,
                                          org.jailsh.plan.ApplyContext ctx) {
        Path root = jail.root();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (MountEntry mount : mounts) {
            Path destination = absolute(jail.name(), "destination", mount.destination());
            checkNoSymlink(jail, root, destination);
            Path inside = root.resolve(root.getFileSystem().getPath("/").relativize(destination).toString());
            if (Files.isDirectory(inside, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.exists(inside, LinkOption.NOFOLLOW_LINKS)) {
                throw new ValidationException(jail.name() + ": mount destination " + destination
                        + " exists in the jail but is not a directory", "remove it, or mount somewhere else");
            }
            ctx.note("mkdir -p " + inside);
            if (!ctx.dryRun()) {
                try {
                    Files.createDirectories(inside);
                } catch (java.io.IOException e) {
                    throw new ValidationException(jail.name() + ": cannot make the mount point " + inside + ": "
                            + e.getMessage(), "make it yourself, or mount somewhere else");
                }
            }
        }
    }

    /** Walks the destination from the jail root; any existing component that is a symlink is refused. */
    static void checkNoSymlink(StoredJail jail, Path root, Path destination) {
        Path current = root;
        for (Path part : destination) {
            current = current.resolve(part.toString());
            if (Files.isSymbolicLink(current)) {
                String target;
                try {
                    target = Files.readSymbolicLink(current).toString();
                } catch (java.io.IOException e) {
                    target = "?";
                }
                throw new ValidationException(jail.name() + ": mount destination " + destination
                        + " goes through a symlink (/" + root.relativize(current) + " -> " + target + ")",
                        "use a plain directory inside the jail");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }
}
