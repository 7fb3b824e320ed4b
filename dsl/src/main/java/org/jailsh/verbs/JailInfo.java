package org.jailsh.verbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jailsh.model.ValueChecks;
import org.jailsh.spi.RunState;
import org.jailsh.store.StoredJail;

/** One row of {@code list}: iocage's columns, computed once from the stored config and the run state. */
public record JailInfo(String jid, String name, String state, String release, String ip4, String ip6, String boot,
                       String type, String template, String basejail, String problem) {

    static JailInfo of(StoredJail jail, RunState run) {
        return of(jail, jail.isCorrupt() ? Map.of() : jail.effective(), run);
    }

    /** The row from the jail's properties ({@link StoredJail#effective()} or {@code properties()}), built by the caller. */
    static JailInfo of(StoredJail jail, Map<String, Object> p, RunState run) {
        if (jail.isCorrupt()) {
            return new JailInfo("-", jail.name(), jail.isIncomplete() ? "INCOMPLETE" : "CORRUPT", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A", "N/A",
                    jail.corrupt());
        }
        boolean dhcp = ValueChecks.isYes(p.get("dhcp"));
        String type = jail.template() || ValueChecks.isYes(p.get("template")) ? "template"
                : String.valueOf(p.getOrDefault("type", "jail"));
        return new JailInfo(run.up() ? run.jid() : "-", jail.name(), run.label(), text(p, "release"),
                dhcp ? "DHCP" : text(p, "ip4_addr"), text(p, "ip6_addr"), yesNo(p.get("boot")), type,
                text(p, "source_template"), yesNo(p.get("basejail")), null);
    }

    private static String text(Map<String, Object> p, String key) {
        Object value = p.get(key);
        return value == null || "none".equals(value) ? "-" : String.valueOf(value);
    }

    private static String yesNo(Object value) {
        return ValueChecks.isYes(value) ? "on" : "off";
    }

    /** The short release for the default view: the first two '-' components, patch level dropped. */
    public String shortRelease() {
        String[] parts = release.split("-");
        return parts.length > 2 ? parts[0] + "-" + parts[1] : release;
    }

    /** Addresses without interface and prefix length, as iocage's default view shows them. */
    public static String bareAddresses(String value) {
        if (value.equals("-") || value.equals("DHCP") || value.equals("N/A")) {
            return value;
        }
        List<String> out = new ArrayList<>();
        for (String item : value.split(",")) {
            String address = item.contains("|") ? item.substring(item.indexOf('|') + 1) : item;
            out.add(address.contains("/") ? address.substring(0, address.indexOf('/')) : address);
        }
        return String.join(",", out);
    }

    /** The row as JSON-friendly values, keys in column order. */
    public Map<String, Object> toMap(boolean full) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("jid", jid.equals("-") ? null : jid);
        map.put("name", name);
        if (full) {
            map.put("boot", boot);
        }
        map.put("state", state);
        if (full) {
            map.put("type", type);
        }
        map.put("release", full ? release : shortRelease());
        map.put("ip4", full ? ip4 : bareAddresses(ip4));
        if (full) {
            map.put("ip6", ip6);
            map.put("template", template);
            map.put("basejail", basejail);
        }
        if (problem != null) {
            map.put("problem", problem);
        }
        return map;
    }
}
