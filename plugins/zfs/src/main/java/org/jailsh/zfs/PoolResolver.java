package org.jailsh.zfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/**
 * Which pool holds a state root (IOCROOT), asked once per root and cached. {@code JAILSH_POOL} wins; otherwise the
 * pool whose {@code POOL/iocage} is mounted at IOCROOT; otherwise iocage's rule (iocage.md §1.1): the pool marked
 * {@code org.freebsd.ioc:active=yes}, else the first pool that is not a boot pool. Only pool root datasets and
 * {@code POOL/iocage} are asked about — never every dataset on the host.
 */
final class PoolResolver {

    static final String ACTIVE = "org.freebsd.ioc:active";
    static final Set<String> BOOT_POOLS = Set.of("freenas-boot", "boot-pool");

    /** How the pool was found; {@code FIRST} means nothing was active yet, so the first use activates it. */
    enum How { ENV, MOUNTPOINT, ACTIVE, FIRST, GUESS }

    record Resolution(String pool, How how, String iocageMountpoint) {
    }

    private final Map<Path, Resolution> cache = new ConcurrentHashMap<>();

    Resolution resolve(Path iocroot, ProviderContext ctx) {
        Resolution known = cache.get(iocroot);
        if (known != null) {
            return known;
        }
        Resolution found = find(iocroot, ctx);
        cache.put(iocroot, found);
        return found;
    }

    String pool(Path iocroot, ProviderContext ctx) {
        return resolve(iocroot, ctx).pool();
    }

    /** After {@code activate}, the next operation asks again. */
    void forget() {
        cache.clear();
    }

    private Resolution find(Path iocroot, ProviderContext ctx) {
        String env = ctx.facts().env().get("JAILSH_POOL");
        if (env != null && !env.isBlank()) {
            checkPool(env.strip());
            return new Resolution(env.strip(), How.ENV, null);
        }
        List<String> pools = pools(ctx);
        if (pools.isEmpty()) {
            if (ctx.exec().dryRun()) {
                String guess = guess(iocroot);
                ctx.reporter().info("dry run: the pool cannot be asked for, so commands show '" + guess
                        + "'; set JAILSH_POOL to see the real name");
                return new Resolution(guess, How.GUESS, null);
            }
            throw new JailshException("no ZFS pool found (zpool list shows none)",
                    "create one with zpool create, or use a storage provider without pools");
        }
        Map<String, String> mountpoints = iocageMountpoints(pools, ctx);
        for (Map.Entry<String, String> e : mountpoints.entrySet()) {
            if (Path.of(e.getValue()).normalize().equals(iocroot)) {
                return new Resolution(e.getKey(), How.MOUNTPOINT, e.getValue());
            }
        }
        List<String> active = active(pools, ctx);
        if (active.size() > 1) {
            throw new JailshException("you have " + active.size() + " pools marked active for iocage: "
                    + String.join(", ", active), "keep one: activate POOL");
        }
        String pool = active.isEmpty() ? firstPool(pools) : active.get(0);
        String mounted = mountpoints.get(pool);
        if (mounted != null && !ctx.exec().dryRun()) {
            throw new ValidationException(pool + "/iocage is mounted at " + mounted + ", but jailsh's state root is "
                    + iocroot, "run jailsh with JAILSH_ROOT=" + mounted + " (iocage's root on that pool), "
                    + "or set JAILSH_POOL to the pool whose iocage dataset is mounted at " + iocroot);
        }
        return new Resolution(pool, active.isEmpty() ? How.FIRST : How.ACTIVE, null);
    }

    static List<String> pools(ProviderContext ctx) {
        return Datasets.lines(ctx.exec().check(Command.of("zpool", "list", "-H", "-o", "name")).stdout());
    }

    /** {@code POOL/iocage} mountpoints of the pools that have one; a pool without it only adds a line to stderr. */
    private static Map<String, String> iocageMountpoints(List<String> pools, ProviderContext ctx) {
        List<String> argv = new ArrayList<>(List.of("zfs", "list", "-H", "-o", "name,mountpoint", "-t", "filesystem"));
        pools.forEach(p -> argv.add(p + "/iocage"));
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String line : Datasets.lines(ctx.exec().run(Command.of(argv)).stdout())) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[0].endsWith("/iocage") && f[1].startsWith("/")) {
                mounts.put(f[0].substring(0, f[0].length() - "/iocage".length()), f[1]);
            }
        }
        return mounts;
    }

    /** Pools whose root dataset has {@code org.freebsd.ioc:active=yes}. */
    static List<String> active(List<String> pools, ProviderContext ctx) {
        List<String> argv = new ArrayList<>(List.of("zfs", "get", "-H", "-o", "name,value", ACTIVE));
        argv.addAll(pools);
        List<String> active = new ArrayList<>();
        for (String line : Datasets.lines(ctx.exec().run(Command.of(argv)).stdout())) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[1].equals("yes")) {
                active.add(f[0]);
            }
        }
        return active;
    }

    /** iocage's fallback: the first pool, or the second when the first is the boot pool. */
    private static String firstPool(List<String> pools) {
        return pools.stream().filter(p -> !BOOT_POOLS.contains(p)).findFirst()
                .orElseThrow(() -> new JailshException("only boot pools found (" + String.join(", ", pools) + ")",
                        "jails do not go on the boot pool; create a data pool"));
    }

    /** For plans only: {@code /mnt/tank/iocage} (TrueNAS) or {@code /tank/iocage} name the pool; else "POOL". */
    static String guess(Path iocroot) {
        int n = iocroot.getNameCount();
        boolean named = iocroot.getFileName() != null && iocroot.getFileName().toString().equals("iocage");
        if (named && n == 2) {
            return iocroot.getName(0).toString();
        }
        if (named && n == 3 && iocroot.getName(0).toString().equals("mnt")) {
            return iocroot.getName(1).toString();
        }
        return "POOL";
    }

    static void checkPool(String pool) {
        if (!pool.matches("[A-Za-z][A-Za-z0-9_.:-]{0,254}")) {
            throw new ValidationException("'" + pool + "' is not a pool name", "e.g. tank");
        }
    }
}
