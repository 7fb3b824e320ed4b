package org.jailsh.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

import org.jailsh.spi.ValidationException;

/**
 * The rules between properties that the TrueNAS jail wizard enforces: NAT needs VNET, DHCP implies VNET and bpf,
 * an IPv4 default router needs VNET, bpf and NAT exclude each other.
 */
public final class PropertyRules {

    private PropertyRules() {
    }

    /**
     * Adds what a change implies (dhcp → vnet and bpf, as iocage does at create) unless the user set those too.
     * Returns the notices to show for each implied value.
     */
    public static List<String> addImplied(Map<String, Object> changes) {
        List<String> notices = new ArrayList<>();
        boolean dhcp = ValueChecks.isYes(changes.get("dhcp"))
                || String.valueOf(changes.getOrDefault("ip4_addr", "")).toUpperCase().contains("|DHCP");
        if (dhcp) {
            imply(changes, "vnet", "dhcp", notices);
            imply(changes, "bpf", "dhcp", notices);
        }
        return notices;
    }

    private static void imply(Map<String, Object> changes, String key, String because, List<String> notices) {
        if (!changes.containsKey(key)) {
            changes.put(key, 1);
            notices.add(key + " set to on because " + because + " needs it");
        }
    }

    /** Throws when the effective properties of {@code jail} break a rule; nothing has been changed yet. */
    public static void check(String jail, Map<String, Object> effective) {
        boolean vnet = ValueChecks.isYes(effective.get("vnet"));
        boolean nat = ValueChecks.isYes(effective.get("nat"));
        boolean bpf = ValueChecks.isYes(effective.get("bpf"));
        boolean dhcp = ValueChecks.isYes(effective.get("dhcp"))
                || String.valueOf(effective.getOrDefault("ip4_addr", "")).toUpperCase(java.util.Locale.ROOT).contains("|DHCP");
        String where = jail + ": ";
        if (nat && !vnet) {
            throw new ValidationException(where + "nat needs vnet", "set vnet=on as well (set vnet=on nat=on " + jail + ")");
        }
        if (nat && bpf) {
            throw new ValidationException(where + "nat and bpf cannot both be on",
                    "turn one off; DHCP needs bpf, so a NAT jail uses a static or NAT-assigned address");
        }
        if (dhcp && (!vnet || !bpf)) {
            throw new ValidationException(where + "dhcp needs vnet and bpf", "set vnet=on bpf=on as well");
        }
        String router = String.valueOf(effective.getOrDefault("defaultrouter", "auto"));
        if (Addresses.isIpv4(router) && !vnet) {
            throw new ValidationException(where + "an IPv4 default router (" + router + ") needs vnet",
                    "set vnet=on, or defaultrouter=auto");
        }
    }

    /** The effective properties after applying {@code changes}, for checking before anything is written. */
    public static Map<String, Object> merged(Map<String, Object> effective, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(effective);
        merged.putAll(changes);
        return merged;
    }
}
