package org.jailsh.store;

import java.util.List;
import java.util.Map;

/**
 * What a config.json value may be before jailsh uses it at all: text, a number, a boolean or null (iocage writes
 * {@code "hostid": null}). An array or object, or text with a control character, is never something iocage wrote, and
 * such a value would reach jail.conf, scripts and command lines: the whole file is treated as corrupt instead.
 */
final class ConfigShape {

    private ConfigShape() {
    }

    /** Why the values cannot be used, or null when they can. */
    static String problem(Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map) {
                return printable(e.getKey()) + " is a JSON object; expected text or a number";
            }
            if (v instanceof List) {
                return printable(e.getKey()) + " is a JSON array; expected text or a number";
            }
            if (hasControl(e.getKey()) || v instanceof String s && hasControl(s)) {
                return printable(e.getKey()) + " contains a control character (newline, tab or NUL)";
            }
        }
        return null;
    }

    /** A plain loop: every value of every jail passes here on each list, mostly before the JIT has compiled it. */
    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String key) {
        return org.jailsh.model.ValueChecks.printable(key.length() > 64 ? key.substring(0, 64) + "…" : key);
    }
}
