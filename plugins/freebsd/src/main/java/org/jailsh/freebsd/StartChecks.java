package org.jailsh.freebsd;

import java.util.List;

import org.jailsh.spi.JailRef;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/** iocage.md §4.3 step 4, and the mount points jail(8) will mount from the fstab: refused before anything runs. */
final class StartChecks {

    private StartChecks() {
    }

    static void check(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        boolean isVnet = jail.flag("vnet");
        boolean dhcp = jail.flag("dhcp") || jail.property("ip4_addr").toUpperCase(java.util.Locale.ROOT)
                .contains("|DHCP");
        if (dhcp && (!isVnet || !jail.flag("bpf"))) {
            throw new ValidationException(jail.name() + ": DHCP needs vnet and bpf", "set vnet=yes bpf=yes");
        }
        if (jail.property("ip6_addr").contains("accept_rtadv") && !isVnet) {
            throw new ValidationException(jail.name() + ": accept_rtadv needs vnet", "set vnet=yes");
        }
        if (jail.flag("bpf") && !isVnet) {
            throw new ValidationException(jail.name() + ": bpf needs vnet", "set vnet=yes");
        }
        if (jail.flag("nat") && jail.flag("bpf")) {
            throw new ValidationException(jail.name() + ": nat and bpf cannot be used together",
                    "set bpf=no or nat=no");
        }
        if (jail.flag("nat") && !isVnet) {
            throw new ValidationException(jail.name() + ": NAT needs vnet with jailsh's pf anchors",
                    "set vnet=yes, or give the jail a shared address in ip4_addr instead");
        }
        if (jail.flag("jail_zfs")) {
            ctx.reporter().warn(jail.name() + ": jail_zfs is not supported by the jail8 runtime yet; "
                    + "no dataset is delegated");
        }
        if (jail.flag("assign_localhost") && !isVnet) {
            ctx.reporter().warn(jail.name() + ": assign_localhost is not supported by the jail8 runtime yet");
        }
        for (MountEntry mount : mounts) {
            mount(jail, mount);
        }
    }

    private static void mount(JailRef jail, MountEntry mount) {
        String where = jail.name() + ": mount " + printable(mount.source()) + " -> " + printable(mount.destination());
        for (String value : List.of(mount.source(), mount.destination(), mount.type(), mount.options())) {
            if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new ValidationException(where + " contains a control character", "fix the jail's fstab");
            }
        }
        String dst = mount.destination();
        if (!dst.startsWith("/") || dst.equals("/") || List.of(dst.split("/")).contains("..")) {
            throw new ValidationException(where + ": the destination must be an absolute path inside the jail, not "
                    + "its root and without '..'", "e.g. /media");
        }
        if (mount.type().equals("nullfs") && (!mount.source().startsWith("/")
                || List.of(mount.source().split("/")).contains(".."))) {
            throw new ValidationException(where + ": a nullfs source must be an absolute host path without '..'",
                    "e.g. /mnt/tank/media");
        }
    }

    private static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}
