package org.jailsh.recipe.inside;

import java.util.List;
import java.util.Locale;

import org.jailsh.spi.ExecResult;
import org.jailsh.spi.Platform;

/**
 * What runs inside a jail, which decides the commands of the in-jail verbs: FreeBSD (pkg, sysrc, service, pw),
 * Debian (apt-get, useradd, chpasswd, /etc/init.d), busybox (no package manager; accounts by editing /etc files), or
 * another Linux (useradd and friends, no package manager jailsh knows).
 */
public enum GuestOs {
    FREEBSD("FreeBSD"),
    DEBIAN("Debian"),
    BUSYBOX("busybox"),
    LINUX("Linux");

    static final String PROBE = """
            if [ "$(uname -s)" = FreeBSD ]; then echo freebsd
            elif [ -f /etc/debian_version ]; then echo debian
            elif [ -x /bin/busybox ] && [ ! -x /usr/sbin/useradd ]; then echo busybox
            else echo linux; fi
            """;

    private final String label;

    GuestOs(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A guess from the profile and the release's name, for plans, where nothing can be asked of the jail. */
    public static GuestOs fromRelease(Platform platform, String release) {
        if (platform == Platform.FREEBSD) {
            return FREEBSD;
        }
        String r = release == null ? "" : release.toLowerCase(Locale.ROOT);
        if (r.startsWith("busybox")) {
            return BUSYBOX;
        }
        if (r.startsWith("debian") || r.startsWith("bookworm") || r.startsWith("trixie") || r.startsWith("bullseye")) {
            return DEBIAN;
        }
        return LINUX;
    }

    /** Asks the running jail. */
    public static GuestOs probe(Guest guest) {
        ExecResult result = guest.run(List.of("/bin/sh", "-c", PROBE, "jailsh-os"), null);
        return switch (result.stdout().strip()) {
            case "freebsd" -> FREEBSD;
            case "debian" -> DEBIAN;
            case "busybox" -> BUSYBOX;
            default -> LINUX;
        };
    }

    /** The name of a service here: FreeBSD's {@code sshd} is Debian's {@code ssh}. */
    public String serviceName(String name) {
        return this == DEBIAN && name.equals("sshd") ? "ssh" : name;
    }

    /** The group whose members may become root: {@code wheel} on FreeBSD and busybox, {@code sudo} on Debian. */
    public String adminGroup() {
        return this == DEBIAN ? "sudo" : "wheel";
    }
}
