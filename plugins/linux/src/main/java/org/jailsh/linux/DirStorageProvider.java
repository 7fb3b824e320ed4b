package org.jailsh.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jailsh.linux.internal.DirLayout;
import org.jailsh.linux.internal.DirRecovery;
import org.jailsh.linux.internal.HostTools;
import org.jailsh.linux.internal.HostView;
import org.jailsh.linux.internal.RunRecord;
import org.jailsh.spi.Availability;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RootSource;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;

/**
 * Jail roots as plain directories. A clone is an overlayfs whose lower layers are its source's and whose upper layer
 * is its own, so creating one copies nothing; the runtime mounts it (see {@link #rootMounts}). Thick jails and
 * snapshots are {@code cp -a --reflink=auto} copies, which are cheap on btrfs and XFS and plain copies elsewhere.
 */
public final class DirStorageProvider implements StorageProvider {

    private final HostView host;

    public DirStorageProvider() {
        this(HostView.proc());
    }

    DirStorageProvider(HostView host) {
        this.host = host;
    }

    @Override
    public String id() {
        return "dir";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("clone", "thick", "snapshot", "rollback", "template");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (facts.platform() != Platform.LINUX) {
            return Availability.unavailable("needs Linux (overlayfs)");
        }
        List<String> missing = HostTools.missing(facts, "cp", "mv", "rm", "mkdir", "unshare");
        return missing.isEmpty() ? Availability.ok()
                : Availability.unavailable("not found on this host: " + String.join(", ", missing));
    }

    @Override
    public void create(JailRef jail, RootSource source, ProviderContext ctx) {
        DirLayout jailDir = new DirLayout(jail.dir());
        HostExec exec = ctx.exec();
        switch (source.mode()) {
            case EMPTY -> exec.check("mkdir", "-p", "--", jailDir.root().toString());
            case THICK -> {
                requireSource(jail, source, ctx);
                exec.check("mkdir", "-p", "--", jailDir.root().toString());
                copyRoot(source, jailDir.root(), ctx);
            }
            case CLONE -> {
                requireSource(jail, source, ctx);
                List<Path> lowers = lowers(source);
                for (Path path : concat(lowers, List.of(jailDir.upper(), jailDir.work()))) {
                    refuseOverlayUnsafe(jail, path);
                }
                exec.check("mkdir", "-p", "--", jailDir.root().toString(), jailDir.upper().toString(),
                        jailDir.work().toString());
                exec.writeFile(jailDir.lowerFile(), join(lowers) + "\n");
            }
        }
    }

    /** The new clone's lower layers: the source root, or the source's own layers when the source is a clone. */
    private static List<Path> lowers(RootSource source) {
        DirLayout from = new DirLayout(source.root().getParent());
        return from.layered() ? from.layers() : List.of(source.root());
    }

    private static void requireSource(JailRef jail, RootSource source, ProviderContext ctx) {
        // a plan may create the jail from a release that the same plan fetches first
        if (ctx.exec().dryRun()) {
            return;
        }
        if (source.root() == null || !Files.isDirectory(source.root())) {
            throw new NotFoundException(jail.name() + ": the root of " + source.name() + " (" + source.root()
                    + ") does not exist", source.template() ? "list templates with 'list -t'"
                    : "fetch the release first: fetch -r " + source.name());
        }
    }

    /** A layered source has an empty root directory on the host; only a private mount of its layers shows its files. */
    private static void copyRoot(RootSource source, Path target, ProviderContext ctx) {
        DirLayout from = new DirLayout(source.root().getParent());
        if (!from.layered()) {
            ctx.exec().check("cp", "-a", "--reflink=auto", "--", source.root() + "/.", target + "/");
            return;
        }
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        if (!ctx.facts().root()) {
            argv.addAll(List.of("--user", "--map-root-user"));
        }
        argv.addAll(List.of("--", "/bin/sh", "-c",
                "mount -t overlay -o \"$1\" overlay \"$2\" && exec cp -a --reflink=auto -- \"$2/.\" \"$3/\"",
                "jailsh-copy", "lowerdir=" + join(from.layers()), source.root().toString(), target.toString()));
        ctx.exec().check(argv.toArray(String[]::new));
    }

    /** overlayfs splits its options on ',' and its lower layers on ':'; a path holding either cannot be layered. */
    private static void refuseOverlayUnsafe(JailRef jail, Path path) {
        if (path.toString().matches(".*[,:\\\\].*")) {
            throw new ValidationException(jail.name() + ": cannot clone: " + path
                    + " contains ',', ':' or '\\', which overlayfs cannot take in its options",
                    "use a jailsh root directory whose path has none of them");
        }
    }

    @Override
    public List<MountEntry> rootMounts(JailRef jail) {
        DirLayout layout = new DirLayout(jail.dir());
        if (!layout.layered()) {
            return List.of();
        }
        return List.of(new MountEntry("overlay", "/", "overlay",
                "lowerdir=" + join(layout.lowers()) + ",upperdir=" + layout.upper() + ",workdir=" + layout.work()));
    }

    @Override
    public void destroy(JailRef jail, ProviderContext ctx) {
        Path dir = jail.dir().toAbsolutePath().normalize();
        if (dir.getNameCount() < 2 || !dir.getFileName().toString().equals(jail.name())
                || Files.isSymbolicLink(dir)) {
            throw new ValidationException(jail.name() + ": refusing to destroy " + dir
                    + ", which is not a jail directory named after the jail", "check the jailsh root directory");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        refuseWhileRunning(jail, "destroy");
        List<String> mounted = host.mountPoints().stream().filter(p -> p.startsWith(dir)).map(Path::toString)
                .toList();
        if (!mounted.isEmpty()) {
            throw new ValidationException(jail.name() + ": cannot destroy, still mounted: "
                    + String.join(", ", mounted), "stop the jail, or unmount them with 'umount'");
        }
        ctx.exec().check("rm", "-rf", "--one-file-system", "--", dir.toString());
    }

    @Override
    public void snapshot(JailRef jail, String snapshot, ProviderContext ctx) {
        checkSnapshotName(jail, snapshot);
        DirLayout layout = new DirLayout(jail.dir());
        if (Files.exists(layout.snapshot(snapshot), LinkOption.NOFOLLOW_LINKS)) {
            throw new ValidationException(jail.name() + ": snapshot " + snapshot + " already exists",
                    "choose another name, or remove it first");
        }
        // Built under a hidden name and renamed, so a failed copy is never listed as a snapshot.
        Path partial = DirRecovery.partialSnapshot(layout, snapshot);
        HostExec exec = ctx.exec();
        exec.check("rm", "-rf", "--one-file-system", "--", partial.toString());
        exec.check("mkdir", "-p", "--", partial.toString());
        exec.check("cp", "-a", "--reflink=auto", "--", layout.data() + "/.", partial + "/");
        exec.check("mv", "-T", "--", partial.toString(), layout.snapshot(snapshot).toString());
    }

    @Override
    public void rollback(JailRef jail, String snapshot, ProviderContext ctx) {
        checkSnapshotName(jail, snapshot);
        DirLayout layout = new DirLayout(jail.dir());
        if (!Files.isDirectory(layout.snapshot(snapshot), LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException(jail.name() + ": no snapshot named " + snapshot,
                    "list the jail's snapshots with 'snaplist " + jail.name() + "'");
        }
        refuseWhileRunning(jail, "roll back");
        // The copy is made beside the data first, so a failure leaves the jail as it was.
        Path data = layout.data();
        DirRecovery leftovers = new DirRecovery(layout);
        Path fresh = leftovers.rollbackCopy();
        Path old = leftovers.oldData();
        HostExec exec = ctx.exec();
        // an earlier rollback killed between its renames left the only data in fresh or old: put it back first
        leftovers.recover(exec);
        exec.check("mkdir", "--", fresh.toString());
        exec.check("cp", "-a", "--reflink=auto", "--", layout.snapshot(snapshot) + "/.", fresh + "/");
        exec.check("mv", "-T", "--", data.toString(), old.toString());
        exec.check("mv", "-T", "--", fresh.toString(), data.toString());
        exec.check("rm", "-rf", "--one-file-system", "--", old.toString());
    }

    @Override
    public List<String> interrupted(JailRef jail, ProviderContext ctx) {
        return new DirRecovery(new DirLayout(jail.dir())).interrupted();
    }

    @Override
    public void recover(JailRef jail, ProviderContext ctx) {
        new DirRecovery(new DirLayout(jail.dir())).recover(ctx.exec());
    }

    @Override
    public List<String> snapshots(JailRef jail, ProviderContext ctx) {
        Path dir = new DirLayout(jail.dir()).snapshots();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Replacing the data under a running jail would pull it out from under its processes. */
    private void refuseWhileRunning(JailRef jail, String verb) {
        if (RunRecord.running(jail.dir(), host).isPresent()) {
            throw new ValidationException(jail.name() + " is running; cannot " + verb + " it",
                    "stop it first: stop " + jail.name());
        }
    }

    private static void checkSnapshotName(JailRef jail, String snapshot) {
        if (snapshot == null || !snapshot.matches("[A-Za-z0-9_][A-Za-z0-9_.:@+-]*")) {
            throw new ValidationException(jail.name() + ": invalid snapshot name '" + snapshot + "'",
                    "use letters, digits and _ . : @ + - (not starting with '.' or '-')");
        }
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
