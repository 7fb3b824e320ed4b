package org.jailsh.zfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RootSource;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;

/**
 * Storage {@code zfs}: jails are datasets {@code POOL/iocage/jails/NAME} with a {@code root} child, as iocage makes
 * them, so an existing iocage pool works unchanged. Every operation touches that jail's datasets only: names are
 * matched as {@code name == parent || name.startsWith(parent + "/")}, destroy is {@code -r} and never {@code -R}, and
 * a jail whose snapshots other jails were cloned from is refused with their names.
 */
public final class ZfsStorageProvider implements StorageProvider {

    private final Predicate<Path> exists;
    private final PoolResolver pools = new PoolResolver();

    public ZfsStorageProvider() {
        this(Files::exists);
    }

    /** For specs: {@code exists} answers the probe's questions about {@code /proc/spl} and {@code /dev/zfs}. */
    ZfsStorageProvider(Predicate<Path> exists) {
        this.exists = exists;
    }

    @Override
    public String id() {
        return "zfs";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX, Platform.FREEBSD);
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("clone", "thick", "empty", "templates", "snapshot", "rollback", "pools");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (!facts.hasCommand("zfs") || !facts.hasCommand("zpool")) {
            return Availability.unavailable("needs ZFS: zfs and zpool are not on PATH");
        }
        if (!exists.test(Path.of("/dev/zfs")) && !exists.test(Path.of("/proc/spl"))) {
            return Availability.unavailable("needs ZFS: the kernel module is not loaded (no /dev/zfs, no /proc/spl)");
        }
        return Availability.ok();
    }

    @Override
    public boolean movesTemplates() {
        return true;
    }

    @Override
    public void create(JailRef jail, RootSource source, ProviderContext ctx) {
        Path iocroot = Datasets.iocroot(jail);
        Datasets datasets = datasets(jail, ctx);
        ZfsIndex index = prepare(iocroot, datasets.pool(), ctx);
        RootCloner.create(datasets, source, index, iocroot, ctx);
    }

    @Override
    public void prepareRelease(Path downloadDir, Path releaseRoot, ProviderContext ctx) {
        Path root = releaseRoot.toAbsolutePath().normalize();
        Path iocroot = root.getParent().getParent().getParent();
        String release = root.getParent().getFileName().toString();
        Datasets.checkComponent(release, "release name");
        String pool = pools.pool(iocroot, ctx);
        ZfsIndex index = prepare(iocroot, pool, ctx);
        String download = pool + "/iocage/download/" + release;
        String releaseDataset = pool + "/iocage/releases/" + release + "/root";
        if (!index.exists(download)) {
            ctx.exec().check("zfs", "create", "-o", "compression=lz4", download);
        }
        if (!index.exists(releaseDataset)) {
            ctx.exec().check("zfs", "create", "-p", "-o", "compression=lz4", releaseDataset);
        }
    }

    /** The scoped listing, after making sure iocage's dataset tree is there (and the pool active, as iocage does). */
    private ZfsIndex prepare(Path iocroot, String pool, ProviderContext ctx) {
        PoolResolver.Resolution how = pools.resolve(iocroot, ctx);
        ZfsIndex index = ZfsIndex.load(pool, ctx);
        if (how.how() == PoolResolver.How.FIRST && !ctx.exec().dryRun()) {
            ctx.reporter().info("no pool is active yet; activating " + pool + " as iocage would");
            ctx.exec().check("zfs", "set", PoolResolver.ACTIVE + "=yes", pool);
            pools.forget();
        }
        ZfsLayout.ensure(pool, iocroot, index, ctx);
        return index;
    }

    @Override
    public void destroy(JailRef jail, ProviderContext ctx) {
        Datasets datasets = datasets(jail, ctx);
        ZfsIndex index = ZfsIndex.load(datasets.pool(), ctx);
        if (!index.exists(datasets.dataset()) && !ctx.exec().dryRun()) {
            ctx.reporter().info(datasets.dataset() + " does not exist; nothing to destroy on ZFS");
            return;
        }
        List<String> dependents = index.dependents(datasets.dataset());
        if (!dependents.isEmpty()) {
            throw new ValidationException(jail.name() + " cannot be destroyed: these datasets are clones of its "
                    + "snapshots and would go with it: " + String.join(", ", dependents),
                    "destroy those jails first (jailsh never uses zfs destroy -R)");
        }
        String origin = index.get(datasets.root()).map(ZfsIndex.Dataset::origin).orElse("-");
        ctx.exec().check("zfs", "destroy", "-r", datasets.dataset());
        dropOrigin(datasets, origin, ctx);
    }

    /**
     * The snapshot a clone jail was made from, named after the jail (§4.10): {@code releases/REL/root@NAME} alone,
     * or {@code templates/T@NAME} recursively for a template (whose snapshot was taken with {@code -r}).
     */
    private static void dropOrigin(Datasets jail, String origin, ProviderContext ctx) {
        if (!origin.contains("@") || !Datasets.snapshotOf(origin).equals(jail.name())) {
            return;
        }
        String source = Datasets.datasetOf(origin);
        String templates = jail.iocage() + "/templates/";
        String jails = jail.iocage() + "/jails/";
        if ((source.startsWith(templates) || source.startsWith(jails)) && source.endsWith("/root")) {
            String parent = source.substring(0, source.length() - "/root".length());
            ctx.exec().run(Command.of("zfs", "destroy", "-r", parent + "@" + jail.name()));
        } else if (Datasets.within(source, jail.iocage() + "/releases")) {
            ctx.exec().run(Command.of("zfs", "destroy", origin));
        }
    }

    @Override
    public void snapshot(JailRef jail, String snapshot, ProviderContext ctx) {
        Datasets.checkComponent(snapshot, "snapshot name");
        ctx.exec().check("zfs", "snapshot", "-r", datasets(jail, ctx).dataset() + "@" + snapshot);
    }

    /** §4.12: {@code zfs rollback -r} on every filesystem of the jail that has the snapshot, deepest first. */
    @Override
    public void rollback(JailRef jail, String snapshot, ProviderContext ctx) {
        Datasets.checkComponent(snapshot, "snapshot name");
        Datasets datasets = datasets(jail, ctx);
        ExecResult listed = ctx.exec().run(Command.of("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r",
                datasets.dataset()));
        List<String> targets = new ArrayList<>();
        for (String name : Datasets.lines(listed.stdout())) {
            if (Datasets.snapshotOf(name).equals(snapshot) && Datasets.within(Datasets.datasetOf(name),
                    datasets.dataset())) {
                targets.add(name);
            }
        }
        if (targets.isEmpty()) {
            if (!ctx.exec().dryRun()) {
                throw new NotFoundException(jail.name() + " has no snapshot named " + snapshot,
                        "see its snapshots with 'snaplist " + jail.name() + "'");
            }
            targets = List.of(datasets.root() + "@" + snapshot, datasets.dataset() + "@" + snapshot);
        }
        targets = new ArrayList<>(targets);
        targets.sort(Comparator.comparingInt((String n) -> -depth(n)).thenComparing(Comparator.naturalOrder()));
        for (String target : targets) {
            ctx.exec().check("zfs", "rollback", "-r", target);
        }
    }

    private static int depth(String name) {
        return (int) Datasets.datasetOf(name).chars().filter(c -> c == '/').count();
    }

    @Override
    public List<String> snapshots(JailRef jail, ProviderContext ctx) {
        Datasets datasets = datasets(jail, ctx);
        ExecResult listed = ctx.exec().run(Command.of("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r",
                "-d", "1", datasets.dataset()));
        if (!listed.ok()) {
            return List.of();
        }
        return Datasets.lines(listed.stdout()).stream()
                .filter(n -> Datasets.datasetOf(n).equals(datasets.dataset()))
                .map(Datasets::snapshotOf).toList();
    }

    /**
     * iocage.md §1.1 and §6: {@code jail} carries its new directory; its dataset is renamed there from the other
     * kind, then made read-only (template) or writable again.
     */
    @Override
    public void setTemplate(JailRef jail, boolean template, ProviderContext ctx) {
        Datasets target = datasets(jail, ctx);
        String expected = template ? Datasets.TEMPLATES : Datasets.JAILS;
        if (!target.kind().equals(expected)) {
            throw new ValidationException(jail.name() + ": expected its new directory under " + expected + "/, got "
                    + jail.dir(), "this is a bug in the caller of setTemplate");
        }
        ctx.exec().check("zfs", "rename", "-f", target.moved().dataset(), target.dataset());
        ctx.exec().check("zfs", "set", "readonly=" + (template ? "on" : "off"), target.dataset());
    }

    @Override
    public void activate(String pool, ProviderContext ctx) {
        PoolResolver.checkPool(pool);
        String health = ctx.exec().check(Command.of("zpool", "list", "-H", "-o", "health", pool)).stdout().strip();
        if (!ctx.exec().dryRun() && !health.equals("ONLINE")) {
            throw new ValidationException("pool " + pool + " is " + health + ", not ONLINE",
                    "see zpool status " + pool);
        }
        List<String> all = PoolResolver.pools(ctx);
        List<String> others = PoolResolver.active(all, ctx).stream().filter(p -> !p.equals(pool)).toList();
        ZfsIndex index = ZfsIndex.load(pool, ctx);
        index.get(pool + "/iocage").map(ZfsIndex.Dataset::mountpoint)
                .filter(m -> !Path.of(m).normalize().equals(ctx.stateRoot()))
                .ifPresent(m -> ctx.reporter().warn(pool + "/iocage is mounted at " + m + ", not at jailsh's state "
                        + "root " + ctx.stateRoot() + "; run jailsh with JAILSH_ROOT=" + m + " to use its jails"));
        ctx.exec().check("zfs", "set", PoolResolver.ACTIVE + "=yes", pool);
        for (String other : others) {
            ctx.exec().check("zfs", "set", PoolResolver.ACTIVE + "=no", other);
        }
        pools.forget();
        if (index.get(pool + "/iocage").map(d -> Path.of(d.mountpoint()).normalize().equals(ctx.stateRoot()))
                .orElse(true)) {
            ZfsLayout.ensure(pool, ctx.stateRoot(), index, ctx);
        }
    }

    private Datasets datasets(JailRef jail, ProviderContext ctx) {
        return Datasets.of(jail, pools.pool(Datasets.iocroot(jail), ctx));
    }
}
