package org.jailsh.store;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jailsh.model.IocageProperties;
import org.jailsh.model.Property;
import org.jailsh.model.PropertyType;
import org.jailsh.model.ValueChecks;
import org.jailsh.spi.JailRef;

/**
 * A jail as found on disk: its directory, its own config.json values (thin: only what differs), and the defaults
 * beneath. {@code corrupt} is set, and the config empty, when config.json cannot be read. {@code incomplete} names
 * the change (create, destroy) that jailsh left unfinished on it; such a jail is never used, only repaired.
 */
public record StoredJail(String name, Path dir, boolean template, Map<String, Object> own, Map<String, Object> defaults,
                         String corrupt, String incomplete) {

    public StoredJail {
        own = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(own));
        defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        if (incomplete != null && corrupt == null) {
            corrupt = "incomplete: an interrupted " + incomplete + "; run 'doctor --fix'";
        }
    }

    public StoredJail(String name, Path dir, boolean template, Map<String, Object> own, Map<String, Object> defaults,
                      String corrupt) {
        this(name, dir, template, own, defaults, corrupt, null);
    }

    /** Unusable: config.json unreadable, or the jail incomplete. */
    public boolean isCorrupt() {
        return corrupt != null;
    }

    public boolean isIncomplete() {
        return incomplete != null;
    }

    public boolean thick() {
        return "THICK".equals(own.get("CONFIG_TYPE"));
    }

    public Path root() {
        return dir.resolve("root");
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    public Path fstabFile() {
        return dir.resolve("fstab");
    }

    /** Defaults overlaid with config.json, yes/no properties coerced to 0/1 as iocage does when it loads. */
    public Map<String, Object> effective() {
        // built-ins always lie underneath, thick configs included: a key added after the file was written
        // (allow_mount_linprocfs) must never be missing
        Map<String, Object> merged = new TreeMap<>(defaults);
        merged.putAll(own);
        merged.putIfAbsent("host_hostname", name.replace('_', '-'));
        merged.putIfAbsent("host_hostuuid", name);
        for (Map.Entry<String, Object> e : merged.entrySet()) {
            Property p = IocageProperties.all().get(e.getKey());
            if (p != null && p.type() == PropertyType.FLAG && !(e.getValue() instanceof Integer)) {
                e.setValue(ValueChecks.isYes(e.getValue()) ? 1 : 0);
            }
        }
        return merged;
    }

    public String property(String key) {
        Object value = effective().get(key);
        return value == null ? "none" : String.valueOf(value);
    }

    public JailRef ref() {
        return new JailRef(name, dir, root(), isCorrupt() ? Map.of() : withoutNulls(effective()));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
