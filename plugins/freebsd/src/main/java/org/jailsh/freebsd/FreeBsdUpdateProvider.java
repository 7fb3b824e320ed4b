package org.jailsh.freebsd;

import java.nio.file.Path;
import java.util.Set;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.UpdateProvider;

/**
 * Update {@code freebsd-update}: patch updates (iocage.md §4.8) and release upgrades (§4.9) of FreeBSD jails. A
 * basejail's system is its release's, so its update patches {@code IOCROOT/releases/REL/root}. The core snapshots the
 * jail first and rolls back when this throws.
 */
public final class FreeBsdUpdateProvider implements UpdateProvider {

    @Override
    public String id() {
        return "freebsd-update";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.FREEBSD);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("update", "upgrade", "basejail");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (!facts.hasCommand("jail")) {
            return Availability.unavailable("needs FreeBSD: jail(8) not found");
        }
        return facts.hasCommand("freebsd-update") ? Availability.ok()
                : Availability.unavailable("needs freebsd-update(8) on the host");
    }

    @Override
    public boolean handles(JailRef jail) {
        return Releases.isFreeBsd(jail.property("release")) && !jail.flag("template");
    }

    /** The root freebsd-update works on: the jail's, or for a basejail its release's. */
    static Path systemRoot(JailRef jail) {
        if (!jail.flag("basejail")) {
            return jail.root();
        }
        String release = Releases.withoutPatch(jail.property("release"));
        return jail.dir().getParent().getParent().resolve("releases").resolve(release).resolve("root");
    }

    @Override
    public String update(JailRef jail, ProviderContext ctx) {
        String release = Releases.withoutPatch(jail.property("release"));
        Path root = systemRoot(jail);
        Path conf = root.resolve("etc/freebsd-update.conf");
        if (!ctx.exec().run(Command.of("grep", "-q", "^ServerName", conf.toString())).ok()) {
            throw new JailshException(jail.name() + ": " + conf + " is missing or names no ServerName",
                    "restore it from the release (" + release + ")");
        }
        String before = FreeBsdUpdate.userland(root, ctx);
        FreeBsdUpdate.withDevfs(root, ctx, () -> {
            FreeBsdUpdate.run(FreeBsdUpdate.command(root, conf, release, "fetch"), ctx);
            FreeBsdUpdate.run(FreeBsdUpdate.command(root, conf, release, "install"), ctx);
        });
        String after = FreeBsdUpdate.userland(root, ctx);
        String where = jail.flag("basejail") ? "release " + release + " (shared by its basejails)" : jail.name();
        if (after.isEmpty() || after.equals(before)) {
            return where + ": " + (after.isEmpty() ? "updated" : "already at " + after);
        }
        return where + ": " + before + " -> " + after;
    }

    @Override
    public String upgrade(JailRef jail, String newRelease, ProviderContext ctx) {
        return FreeBsdUpgrade.upgrade(jail, newRelease, ctx);
    }

    /**
     * What {@code freebsd-version -u} would print for the jail's system (a basejail's: its release's), read as text
     * from {@code ROOT/bin/freebsd-version} rather than run: a jail's files never execute on the host. Null when it
     * names no FreeBSD release (a dry run, a root without one).
     */
    @Override
    public String installedRelease(JailRef jail, ProviderContext ctx) {
        String installed = FreeBsdUpdate.userland(systemRoot(jail), ctx);
        return Releases.isFreeBsd(installed) ? installed : null;
    }
}
