package org.jailsh.zfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/**
 * iocage's dataset tree (iocage.md §1.2): {@code POOL/iocage} and its {@code download images jails log releases
 * templates}, each created when missing with {@code compression=lz4 aclmode=passthrough aclinherit=passthrough}, and
 * each required to have {@code exec=on}. {@code POOL/iocage} gets an explicit mountpoint only when the inherited one
 * would not be jailsh's state root.
 */
final class ZfsLayout {

    static final List<String> CHILDREN = List.of("download", "images", "jails", "log", "releases", "templates");
    static final List<String> OPTIONS = List.of("-o", "compression=lz4", "-o", "aclmode=passthrough",
            "-o", "aclinherit=passthrough");

    private ZfsLayout() {
    }

    /** Creates what is missing in {@code index}. A dry run cannot know what exists, so it only says so. */
    static void ensure(String pool, Path iocroot, ZfsIndex index, ProviderContext ctx) {
        String iocage = pool + "/iocage";
        if (ctx.exec().dryRun()) {
            ctx.reporter().info("dry run: " + iocage + " and its datasets are created first where missing");
            return;
        }
        if (!index.exists(iocage)) {
            List<String> argv = new ArrayList<>(List.of("zfs", "create"));
            argv.addAll(OPTIONS);
            String inherited = inheritedMountpoint(pool, ctx);
            if (inherited == null || !Path.of(inherited).equals(iocroot)) {
                argv.addAll(List.of("-o", "mountpoint=" + iocroot));
            }
            argv.add(iocage);
            ctx.exec().check(Command.of(argv));
        }
        for (String child : CHILDREN) {
            String name = iocage + "/" + child;
            var existing = index.get(name);
            if (existing.isEmpty()) {
                List<String> argv = new ArrayList<>(List.of("zfs", "create"));
                argv.addAll(OPTIONS);
                argv.add(name);
                ctx.exec().check(Command.of(argv));
            } else if ("off".equals(existing.get().exec())) {
                throw new JailshException("Dataset \"" + child + "\" has exec=off (should be on)",
                        "zfs set exec=on " + name);
            }
        }
    }

    /** Where a child {@code iocage} of the pool's root dataset would be mounted, or null when it is not mounted. */
    private static String inheritedMountpoint(String pool, ProviderContext ctx) {
        String out = ctx.exec().check(Command.of("zfs", "get", "-H", "-o", "value", "mountpoint", pool)).stdout()
                .strip();
        if (!out.startsWith("/")) {
            return null;
        }
        return out.equals("/") ? "/iocage" : out + "/iocage";
    }
}
