package org.jailsh.freebsd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/**
 * {@code upgrade NAME -r REL} (iocage.md §4.9), never waiting for input. A jail with its own system runs
 * {@code freebsd-update -r REL upgrade} and {@code install} passes until none is pending, from a host-side copy of
 * its freebsd-update.conf without the kernel and without MergeChanges (freebsd-update would stop to ask about /etc);
 * /etc is then merged by etcupdate. A basejail's mounts are pointed at the new release and only /etc is merged.
 * Conflict policy: a conflict in /etc fails the upgrade, listing the files, and the core rolls back to its snapshot.
 */
final class FreeBsdUpgrade {

    private FreeBsdUpgrade() {
    }

    static String upgrade(JailRef jail, String newRelease, ProviderContext ctx) {
        String current = jail.property("release");
        String old = Releases.withoutPatch(current);
        if (!Releases.isFreeBsd(newRelease) || newRelease.matches(".*-p\\d+")) {
            throw new ValidationException("'" + newRelease + "' is not a FreeBSD release", "e.g. 14.1-RELEASE");
        }
        Releases.requireNotNewer(jail.name(), newRelease, Releases.hostRelease(ctx));
        if (old.equals(newRelease)) {
            throw new ValidationException(jail.name() + " is already at " + current, "update it instead");
        }
        if (Releases.major(newRelease) < Releases.major(old)
                || Releases.major(newRelease) == Releases.major(old) && newRelease.compareTo(old) < 0) {
            throw new ValidationException(jail.name() + ": " + newRelease + " is older than " + current,
                    "freebsd-update cannot downgrade; create a new jail on " + newRelease);
        }
        Path iocroot = jail.dir().getParent().getParent();
        Path newSrc = iocroot.resolve("releases").resolve(newRelease).resolve("root/usr/src");
        if (jail.flag("basejail")) {
            return basejail(jail, old, newRelease, iocroot, newSrc, ctx);
        }
        Path root = jail.root();
        Path conf = root.resolve("etc/freebsd-update.conf");
        String original = ctx.exec().run(Command.of("cat", conf.toString())).stdout();
        if (!ctx.exec().dryRun() && !original.contains("ServerName")) {
            throw new JailshException(jail.name() + ": " + conf + " is missing or names no ServerName",
                    "restore it from the release (" + old + ")");
        }
        Path ours = Path.of("/var/run/jailsh-freebsd-update." + jail.hostName() + ".conf");
        ctx.exec().writeFile(ours, nonInteractive(original));
        Path pending = root.resolve("var/db/freebsd-update").resolve(installLink(root));
        try {
            FreeBsdUpdate.withDevfs(root, ctx, () -> {
                FreeBsdUpdate.run(FreeBsdUpdate.command(root, ours, old, "-r", newRelease, "upgrade")
                        .withStdin("y\n".repeat(20)).withEnv("EDITOR", "/usr/bin/false"), ctx);
                if (!ctx.exec().run(Command.of("test", "-L", pending.toString())).ok()) {
                    throw new JailshException(jail.name() + ": freebsd-update upgrade left nothing to install",
                            "see the log for its output");
                }
                for (int pass = 1; pass <= 50; pass++) {
                    FreeBsdUpdate.run(FreeBsdUpdate.command(root, ours, old, "-r", newRelease, "install"), ctx);
                    if (ctx.exec().dryRun() || !ctx.exec().run(Command.of("test", "-L", pending.toString())).ok()) {
                        break;
                    }
                }
            });
        } finally {
            ctx.exec().run(Command.of("rm", "-f", ours.toString()));
        }
        mergeEtc(jail, root, newSrc, false, ctx);
        return verified(jail, current, newRelease, root, ctx);
    }

    /** §4.9 basejail: the new release must be fetched with its sources; fstab re-pointed; /etc merged. */
    private static String basejail(JailRef jail, String old, String newRelease, Path iocroot, Path newSrc,
                                   ProviderContext ctx) {
        if (!ctx.exec().run(Command.of("test", "-d", newSrc.toString())).ok()) {
            throw new NotFoundException(jail.name() + ": " + newRelease + " is not fetched with its sources ("
                    + newSrc + ")", "fetch -r " + newRelease + " first; a basejail upgrade merges /etc from src.txz");
        }
        Path fstab = jail.dir().resolve("fstab");
        String lines = ctx.exec().check(Command.of("cat", fstab.toString())).stdout();
        String oldDir = iocroot.resolve("releases").resolve(old) + "/";
        String newDir = iocroot.resolve("releases").resolve(newRelease) + "/";
        ctx.exec().writeFile(fstab, lines.replace(oldDir, newDir));
        mergeEtc(jail, jail.root(), newSrc, true, ctx);
        ctx.exec().check("mkdir", "-p", jail.root().resolve("var/spool/mqueue").toString());
        Path releaseRoot = iocroot.resolve("releases").resolve(newRelease).resolve("root");
        return verified(jail, jail.property("release"), newRelease, releaseRoot, ctx)
                + "; restart it to use the new release's mounts";
    }

    /**
     * /etc merged with {@code etcupdate -F} against the new release's sources, from the host; any conflict fails the
     * upgrade with the list of files. Without the sources (a jail with its own system) the merge is skipped, and the
     * jail keeps the /etc files it changed, as freebsd-update's UpdateIfUnmodified leaves them.
     */
    private static void mergeEtc(JailRef jail, Path root, Path src, boolean required, ProviderContext ctx) {
        if (!required && !ctx.exec().run(Command.of("test", "-d", src.toString())).ok()) {
            ctx.reporter().warn(jail.name() + ": /etc was not merged (no sources of the new release at " + src
                    + "); files the jail changed were kept as they were");
            return;
        }
        ctx.exec().check("etcupdate", "-F", "-D", root.toString(), "-s", src.toString());
        String status = ctx.exec().run(Command.of("etcupdate", "status", "-D", root.toString())).stdout();
        List<String> conflicts = status.lines().map(String::strip).filter(l -> l.startsWith("C "))
                .map(l -> l.substring(2).strip()).toList();
        if (!conflicts.isEmpty()) {
            throw new JailshException(jail.name() + ": /etc has merge conflicts in " + String.join(", ", conflicts),
                    "the upgrade is rolled back; resolve these changes by hand, then upgrade again");
        }
    }

    private static String verified(JailRef jail, String from, String newRelease, Path root, ProviderContext ctx) {
        String now = FreeBsdUpdate.userland(root, ctx);
        if (!ctx.exec().dryRun() && !now.startsWith(newRelease)) {
            throw new JailshException(jail.name() + ": after the upgrade freebsd-version says '" + now + "', not "
                    + newRelease, "the upgrade is rolled back; see the log for freebsd-update's output");
        }
        return jail.name() + ": " + from + " -> " + (now.isEmpty() ? newRelease : now);
    }

    /** The jail's freebsd-update.conf without the kernel component and with MergeChanges emptied. */
    static String nonInteractive(String conf) {
        StringBuilder out = new StringBuilder();
        for (String line : conf.lines().toList()) {
            if (line.startsWith("Components")) {
                line = line.replaceAll("\\s+kernel\\b", "");
            } else if (line.startsWith("MergeChanges")) {
                line = "# " + line + "  (jailsh: /etc is merged by etcupdate after the upgrade)";
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** freebsd-update's pending-install link: {@code sha256(ROOT + "\n")-install} in its work directory. */
    static String installLink(Path root) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((root + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + "-install";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
