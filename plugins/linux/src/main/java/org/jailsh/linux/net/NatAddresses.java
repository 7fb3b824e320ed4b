package org.jailsh.linux.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jailsh.spi.JailshException;

/**
 * Allocates a NAT jail's /30 from {@code nat_prefix} as iocage does ({@code PREFIX.i.l/30}, the host side first, the
 * jail second), skipping every pair another jail's network record holds — so two NAT jails never collide.
 */
final class NatAddresses {

    private NatAddresses() {
    }

    /** [host address, jail address] without prefix length. */
    static String[] allocate(String prefix, Path jailsDir, String jail) {
        Set<String> used = usedAddresses(jailsDir, jail);
        for (int i = 0; i < 256; i++) {
            for (int l = 1; l < 254; l += 4) {
                String host = prefix + "." + i + "." + l;
                String guest = prefix + "." + i + "." + (l + 1);
                if (!used.contains(host) && !used.contains(guest)) {
                    return new String[] {host, guest};
                }
            }
        }
        throw new JailshException("no free /30 left in " + prefix + ".0.0/16 for NAT jails",
                "stop some NAT jails or set another nat_prefix (set nat_prefix=10.42 default)");
    }

    /** Host ports already forwarded by other running NAT jails, as {@code proto/port}. */
    static Set<String> usedPorts(Path jailsDir, String jail) {
        Set<String> ports = new HashSet<>();
        forEachOther(jailsDir, jail, (name, record) -> record.all("forward")
                .forEach(f -> ports.add(f[1] + "/" + f[2])));
        return ports;
    }

    private static Set<String> usedAddresses(Path jailsDir, String jail) {
        Set<String> used = new HashSet<>();
        forEachOther(jailsDir, jail, (name, record) -> record.all("natpair").forEach(p -> {
            used.add(p[1]);
            used.add(p[2]);
        }));
        return used;
    }

    /** Every other jail's network record (only running jails have one), with the jail's name. */
    static void forEachOther(Path jailsDir, String jail, java.util.function.BiConsumer<String, NetworkRecord> action) {
        if (!Files.isDirectory(jailsDir)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(jailsDir)) {
            List<Path> others = dirs.filter(d -> !d.getFileName().toString().equals(jail)).toList();
            others.forEach(d -> action.accept(d.getFileName().toString(), NetworkRecord.read(d)));
        } catch (IOException e) {
            throw new JailshException("cannot read " + jailsDir + ": " + e.getMessage());
        }
    }
}
