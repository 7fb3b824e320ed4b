package org.jailsh.linux.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jailsh.spi.JailRef;

/**
 * The two MACs of a jail's interface: {@code vnetN_mac} when set, else derived from {@code mac_prefix} and a hash of
 * the jail's name and interface. Derived MACs are stable across restarts, unique per jail, and a clone (another
 * name) gets its own — the collision iocage's clones suffered cannot happen.
 */
final class MacAddresses {

    private MacAddresses() {
    }

    /** [host side, jail side], colon-separated. */
    static String[] of(JailRef jail, int index) {
        String set = jail.property("vnet" + index + "_mac");
        if (!set.equals("none")) {
            String[] pair = set.split("[ ,]+");
            return new String[] {colons(pair[0]), colons(pair[1])};
        }
        String prefix = jail.property("mac_prefix").equals("none") ? "02ff60" : jail.property("mac_prefix");
        byte[] hash = sha256(jail.name() + "/vnet" + index);
        String tail = HexFormat.of().formatHex(hash, 0, 3);
        int last = Integer.parseInt(tail.substring(4), 16) & 0xFE;
        String base = prefix + tail.substring(0, 4);
        return new String[] {colons(base + String.format("%02x", last)), colons(base + String.format("%02x", last + 1))};
    }

    private static String colons(String mac) {
        String hex = mac.replaceAll("[:-]", "").toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
