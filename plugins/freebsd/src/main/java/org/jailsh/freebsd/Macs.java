package org.jailsh.freebsd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jailsh.spi.JailRef;
import org.jailsh.spi.ValidationException;

/**
 * The two MACs of a VNET NIC (iocage.md §4.4 step 2): {@code vnetN_mac} when set, otherwise derived as iocage derives
 * them — MD5 of the jail name (dots as underscores) and the NIC, after {@code mac_prefix}; the jail side is the host
 * side plus one. Derived rather than stored, so they are the same at every start without writing config.json, and a
 * clone (another name) gets its own.
 */
final class Macs {

    record Pair(String host, String jail) {
    }

    private Macs() {
    }

    static Pair of(JailRef jail, String nic) {
        String configured = jail.property(nic + "_mac");
        if (!configured.equals("none")) {
            String[] macs = configured.strip().split("[\\s,]+");
            if (macs.length != 2 || !hex(macs[0]) || !hex(macs[1])) {
                throw new ValidationException(jail.name() + ": " + nic + "_mac '" + configured
                        + "' is not two MAC addresses", "e.g. 02a0980c1e4a 02a0980c1e4b, or none to derive them");
            }
            return new Pair(colons(plain(macs[0])), colons(plain(macs[1])));
        }
        String prefix = prefix(jail);
        String digest = md5(jail.name().replace('.', '_') + nic);
        String host = prefix + digest.substring(0, 12 - prefix.length());
        long jailSide = (Long.parseLong(host, 16) + 1) & 0xFFFF_FFFF_FFFFL;
        return new Pair(colons(host), colons(String.format("%012x", jailSide)));
    }

    /**
     * {@code mac_prefix} (6 hex digits, locally administered unicast); an unusable one is replaced, as iocage does,
     * here by one derived from the jail name and marked locally administered.
     */
    static String prefix(JailRef jail) {
        String prefix = jail.property("mac_prefix").toLowerCase(Locale.ROOT);
        if (prefix.matches("[0-9a-f][26ae][0-9a-f]{4}")) {
            return prefix;
        }
        String derived = md5("prefix:" + jail.name()).substring(0, 6);
        return derived.charAt(0) + "2" + derived.substring(2);
    }

    private static boolean hex(String mac) {
        return plain(mac).matches("[0-9a-fA-F]{12}");
    }

    private static String plain(String mac) {
        return mac.replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    static String colons(String hex12) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            out.append(i == 0 ? "" : ":").append(hex12, i, i + 2);
        }
        return out.toString();
    }

    private static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
