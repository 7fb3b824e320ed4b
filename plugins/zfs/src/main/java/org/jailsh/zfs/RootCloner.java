package org.jailsh.zfs;

import java.nio.file.Path;

import org.jailsh.spi.Command;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RootSource;
import org.jailsh.spi.ValidationException;

/**
 * A new jail's datasets, command for command as iocage.md §4.2 lists them: clone of a release, clone of a template,
 * thick copy (send | receive) of either, or an empty root. Values reach the send/receive pipe as positional
 * arguments of {@code sh -c}, never inside the script text.
 */
final class RootCloner {

    /** The pipe of a thick copy; {@code $1} is the source snapshot, {@code $2} the new root dataset. */
    static final String SEND_RECEIVE = "zfs send \"$1\" | zfs receive -F \"$2\"";

    private RootCloner() {
    }

    static void create(Datasets jail, RootSource source, ZfsIndex index, Path iocroot, ProviderContext ctx) {
        if (!ctx.exec().dryRun() && index.exists(jail.dataset())) {
            throw new ValidationException(jail.dataset() + " already exists",
                    "choose another name, or destroy the old jail first");
        }
        if (source.mode() == RootSource.Mode.EMPTY) {
            ctx.exec().check("zfs", "create", "-p", jail.root());
            return;
        }
        String origin = sourceDataset(jail, source, iocroot);
        if (!ctx.exec().dryRun() && !index.exists(origin)) {
            throw new NotFoundException((source.template() ? "template " : "release ") + source.name()
                    + " has no dataset " + origin, source.template() ? "see 'list -t'"
                    : "fetch it first (fetch -r " + source.name() + ")");
        }
        String name = jail.name();
        if (source.mode() == RootSource.Mode.CLONE) {
            if (source.template()) {
                ctx.exec().check("zfs", "snapshot", "-r", origin + "@" + name);
                ctx.exec().check("zfs", "clone", "-p", origin + "/root@" + name, jail.root());
            } else {
                ctx.exec().check("zfs", "snapshot", origin + "@" + name);
                ctx.exec().check("zfs", "clone", "-p", origin + "@" + name, jail.root());
            }
            return;
        }
        thick(jail, source.template() ? origin + "/root" : origin, ctx);
    }

    /** §4.2 thick: snapshot, create the jail dataset, send | receive the root, drop both temporary snapshots. */
    private static void thick(Datasets jail, String sourceRoot, ProviderContext ctx) {
        String snapshot = sourceRoot + "@" + jail.name();
        ctx.exec().check("zfs", "snapshot", snapshot);
        boolean done = false;
        try {
            ctx.exec().check("zfs", "create", "-p", jail.dataset());
            ctx.exec().check("sh", "-c", SEND_RECEIVE, "sh", snapshot, jail.root());
            done = true;
        } finally {
            // the source snapshot goes in any case; a failed copy is cleaned up by destroy, which the core calls
            var dropped = ctx.exec().run(Command.of("zfs", "destroy", snapshot));
            if (done) {
                dropped.check();
                ctx.exec().check("zfs", "destroy", jail.root() + "@" + jail.name());
            }
        }
    }

    /**
     * The dataset a jail is made from: {@code POOL/iocage/releases/REL/root} for a release, {@code
     * POOL/iocage/templates/T} for a template (its {@code /root} is what is cloned). Taken from the source's root
     * directory when that lies under IOCROOT, else from its name.
     */
    static String sourceDataset(Datasets jail, RootSource source, Path iocroot) {
        Path root = source.root() == null ? null : source.root().toAbsolutePath().normalize();
        if (root != null && root.startsWith(iocroot) && !root.equals(iocroot)) {
            Path relative = iocroot.relativize(root);
            if (source.template() && relative.getFileName().toString().equals("root")) {
                relative = relative.getParent();
            }
            for (Path part : relative) {
                Datasets.checkComponent(part.toString(), "dataset name");
            }
            return jail.iocage() + "/" + relative.toString().replace('\\', '/');
        }
        Datasets.checkComponent(source.name(), source.template() ? "template name" : "release name");
        return source.template() ? jail.iocage() + "/templates/" + source.name()
                : jail.iocage() + "/releases/" + source.name() + "/root";
    }
}
