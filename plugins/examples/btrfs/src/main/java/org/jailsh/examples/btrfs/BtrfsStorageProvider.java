package org.jailsh.examples.btrfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jailsh.spi.Availability;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RootSource;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;

/**
 * Jail roots as btrfs subvolumes. Release roots become subvolumes, a jail is a writable snapshot of its source (a
 * clone costs no copy, and unlike an overlay it does not depend on its source afterwards), a jail snapshot is a
 * read-only snapshot in {@code JAIL/snapshots/NAME}, and a rollback swaps in a writable snapshot of it. The IOCROOT
 * must be on btrfs; the root of each jail is a plain directory to the runtime, so there are no root mounts.
 */
public final class BtrfsStorageProvider implements StorageProvider {

    @Override
    public String id() {
        return "btrfs";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    /**
     * Below the built-in {@code dir} storage (0): jails made by one storage cannot be handled by the other, so btrfs is
     * used only when chosen ({@code JAILSH_STORAGE_PROVIDER=btrfs}), never because the plugin happens to be there.
     */
    @Override
    public int priority() {
        return -10;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("clone", "thick", "snapshot", "rollback", "template");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (!facts.hasCommand("btrfs")) {
            return Availability.unavailable("no 'btrfs' command on PATH; install btrfs-progs");
        }
        if (!facts.root()) {
            return Availability.unavailable("needs root (creating and deleting subvolumes)");
        }
        String type = BtrfsFacts.fsType(facts.stateRoot());
        if (!type.equals("btrfs")) {
            return Availability.unavailable("the state root " + facts.stateRoot() + " is on " + type
                    + ", not btrfs; use a state root on a btrfs file system (--root or JAILSH_ROOT)");
        }
        return Availability.ok();
    }

    @Override
    public void prepareRelease(Path downloadDir, Path releaseRoot, ProviderContext ctx) {
        if (!Files.exists(releaseRoot, LinkOption.NOFOLLOW_LINKS)) {
            ctx.exec().check("mkdir", "-p", "--", releaseRoot.getParent().toString());
            ctx.exec().check("btrfs", "-q", "subvolume", "create", releaseRoot.toString());
        }
    }

    @Override
    public void create(JailRef jail, RootSource source, ProviderContext ctx) {
        HostExec exec = ctx.exec();
        Path root = jail.dir().resolve("root");
        exec.check("mkdir", "-p", "--", jail.dir().toString());
        if (source.mode() == RootSource.Mode.EMPTY) {
            exec.check("btrfs", "-q", "subvolume", "create", root.toString());
            return;
        }
        // A snapshot is independent of its source once made, so clone and thick are the same operation here.
        Path from = source.root();
        if (!exec.dryRun()) {
            if (from == null || !Files.isDirectory(from)) {
                throw new NotFoundException(jail.name() + ": the root of " + source.name() + " (" + from
                        + ") does not exist", source.template() ? "list templates with 'list -t'"
                        : "fetch the release first: fetch -r " + source.name());
            }
            if (!BtrfsFacts.isSubvolume(from)) {
                makeSubvolume(from, ctx);
            }
        }
        exec.check("btrfs", "-q", "subvolume", "snapshot", from.toString(), root.toString());
    }

    /**
     * Turns a plain source directory into a subvolume once (release providers build their roots as plain directories
     * and rename them into place): a reflinked copy in a new subvolume beside it, then swapped in.
     */
    private static void makeSubvolume(Path dir, ProviderContext ctx) {
        if (!dir.toAbsolutePath().normalize().startsWith(ctx.stateRoot().toAbsolutePath().normalize())) {
            throw new ValidationException("cannot clone " + dir + ": it is not a btrfs subvolume and not under the"
                    + " state root " + ctx.stateRoot(), "use a release or template inside the state root");
        }
        Path fresh = dir.resolveSibling("." + dir.getFileName() + ".subvolume");
        Path old = dir.resolveSibling("." + dir.getFileName() + ".plain");
        HostExec exec = ctx.exec();
        deleteSubvolumeIfThere(fresh, exec);
        exec.check("rm", "-rf", "--one-file-system", "--", old.toString());
        exec.check("btrfs", "-q", "subvolume", "create", fresh.toString());
        exec.check("cp", "-a", "--reflink=auto", "--", dir + "/.", fresh + "/");
        exec.check("mv", "-T", "--", dir.toString(), old.toString());
        exec.check("mv", "-T", "--", fresh.toString(), dir.toString());
        exec.check("rm", "-rf", "--one-file-system", "--", old.toString());
        ctx.reporter().info("made " + dir + " a btrfs subvolume, so jails are snapshots of it");
    }

    @Override
    public void destroy(JailRef jail, ProviderContext ctx) {
        Path dir = ownJailDir(jail, ctx);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> mounted = BtrfsFacts.mountedUnder(dir);
        if (!mounted.isEmpty()) {
            throw new ValidationException(jail.name() + ": cannot destroy, still mounted: " + String.join(", ", mounted),
                    "stop the jail, or unmount them with 'umount'");
        }
        HostExec exec = ctx.exec();
        for (String snapshot : snapshots(jail, ctx)) {
            deleteSubvolumeIfThere(snapshotDir(jail, snapshot), exec);
        }
        for (String name : List.of("root", ".root.rollback", ".root.old")) {
            deleteSubvolumeIfThere(dir.resolve(name), exec);
        }
        // After the subvolumes are gone, the rest is on one file system (rm would not cross into a subvolume).
        exec.check("rm", "-rf", "--one-file-system", "--", dir.toString());
    }

    /** The jail's directory, if it is {@code STATE_ROOT/jails/NAME} or {@code STATE_ROOT/templates/NAME}; else refused. */
    private static Path ownJailDir(JailRef jail, ProviderContext ctx) {
        Path dir = jail.dir().toAbsolutePath().normalize();
        Path own = ctx.stateRoot().toAbsolutePath().normalize();
        boolean inside = dir.getParent() != null && (dir.getParent().equals(own.resolve("jails"))
                || dir.getParent().equals(own.resolve("templates")));
        if (!inside || !dir.getFileName().toString().equals(jail.name()) || Files.isSymbolicLink(dir)) {
            throw new ValidationException(jail.name() + ": refusing to destroy " + dir + ", which is not "
                    + own.resolve("jails").resolve(jail.name()) + " or its template directory",
                    "the btrfs storage removes only jails under its own state root " + own);
        }
        return dir;
    }

    @Override
    public void snapshot(JailRef jail, String snapshot, ProviderContext ctx) {
        checkSnapshotName(jail, snapshot);
        Path target = snapshotDir(jail, snapshot);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ValidationException(jail.name() + ": snapshot " + snapshot + " already exists",
                    "choose another name, or remove it first");
        }
        ctx.exec().check("mkdir", "-p", "--", target.getParent().toString());
        ctx.exec().check("btrfs", "-q", "subvolume", "snapshot", "-r", jail.dir().resolve("root").toString(),
                target.toString());
    }

    @Override
    public void rollback(JailRef jail, String snapshot, ProviderContext ctx) {
        checkSnapshotName(jail, snapshot);
        Path from = snapshotDir(jail, snapshot);
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException(jail.name() + ": no snapshot named " + snapshot,
                    "list the jail's snapshots with 'snaplist " + jail.name() + "'");
        }
        // The new root is made beside the old one first, so a failure leaves the jail as it was.
        Path root = jail.dir().resolve("root");
        Path fresh = jail.dir().resolve(".root.rollback");
        Path old = jail.dir().resolve(".root.old");
        HostExec exec = ctx.exec();
        deleteSubvolumeIfThere(fresh, exec);
        deleteSubvolumeIfThere(old, exec);
        exec.check("btrfs", "-q", "subvolume", "snapshot", from.toString(), fresh.toString());
        exec.check("mv", "-T", "--", root.toString(), old.toString());
        exec.check("mv", "-T", "--", fresh.toString(), root.toString());
        exec.check("btrfs", "-q", "subvolume", "delete", old.toString());
    }

    @Override
    public List<String> snapshots(JailRef jail, ProviderContext ctx) {
        Path dir = jail.dir().resolve("snapshots");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return new ArrayList<>(entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path snapshotDir(JailRef jail, String snapshot) {
        return jail.dir().resolve("snapshots").resolve(snapshot);
    }

    private static void deleteSubvolumeIfThere(Path dir, HostExec exec) {
        if (BtrfsFacts.isSubvolume(dir)) {
            exec.check("btrfs", "-q", "subvolume", "delete", dir.toString());
        }
    }

    private static void checkSnapshotName(JailRef jail, String snapshot) {
        if (snapshot == null || !snapshot.matches("[A-Za-z0-9_][A-Za-z0-9_.:@+-]*")) {
            throw new ValidationException(jail.name() + ": invalid snapshot name '" + snapshot + "'",
                    "use letters, digits and _ . : @ + - (not starting with '.' or '-')");
        }
    }
}
