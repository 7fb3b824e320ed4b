package org.jailsh.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * A jail as providers see it: its name, its directory ({@code IOCROOT/jails/NAME}), its root, and its effective
 * properties (defaults merged under config.json, iocage types: 0/1 numbers for yes/no properties, strings otherwise).
 */
public record JailRef(String name, Path dir, Path root, Map<String, Object> properties) {

    public JailRef {
        properties = Map.copyOf(properties);
    }

    /** The property as text ({@code "none"} when unset, as iocage would say). */
    public String property(String key) {
        Object value = properties.get(key);
        return value == null ? "none" : String.valueOf(value);
    }

    /** A yes/no property: true for 1, "1", "yes", "on", "true". */
    public boolean flag(String key) {
        String v = property(key).toLowerCase(java.util.Locale.ROOT);
        return v.equals("1") || v.equals("yes") || v.equals("on") || v.equals("true");
    }

    /** The jail(8)-style name: {@code ioc-} + name with dots replaced, as iocage does. */
    public String hostName() {
        return "ioc-" + name.replace('.', '_');
    }
}
