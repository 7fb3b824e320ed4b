package org.jailsh.store;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jailsh.spi.JailRef;

/**
 * A jail as found on disk: its directory, its own config.json values (thin: only what differs), and the defaults
 * beneath. {@code corrupt} is set, and the config empty, when config.json cannot be read. {@code incomplete} names
 * the change (create, destroy) that jailsh left unfinished on it; such a jail is never used, only repaired.
 */
public record StoredJail(String name, Path dir, boolean template, Map<String, Object> own, Map<String, Object> defaults,
                         String corrupt, String incomplete) {

    private static final Class<?> SHARED = sharedDefaults(Map.of()).getClass();

    public StoredJail {
        own = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(own));
        defaults = defaults.getClass() == SHARED ? defaults : sharedDefaults(defaults);
        if (incomplete != null && corrupt == null) {
            corrupt = "incomplete: an interrupted " + incomplete + "; run 'doctor --fix'";
        }
    }

    /**
     * Defaults as every jail of a store shares them: read-only and sorted. Copying them for each jail, then sorting
     * them again in {@link #effective()}, made {@code list} of 1,000 jails take over a second (bench/RESULTS.md).
     */
    public static Map<String, Object> sharedDefaults(Map<String, Object> defaults) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(defaults));
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

    /** Defaults overlaid with config.json, yes/no properties coerced to 0/1 as iocage does when it loads; sorted. */
    public Map<String, Object> effective() {
        // built-ins always lie underneath, thick configs included: a key added after the file was written
        // (allow_mount_linprocfs) must never be missing
        Map<String, Object> merged = new TreeMap<>((java.util.SortedMap<String, Object>) defaults); // a linear copy
        merged.putAll(own);
        merged.putIfAbsent("host_hostname", name.replace('_', '-'));
        merged.putIfAbsent("host_hostuuid", name);
        merged.replaceAll(PropertyLayers::coerce);
        return merged;
    }

    /**
     * The same values as {@link #effective()} without the nulls, unsorted and immutable: what a {@link JailRef} holds.
     * Built from defaults coerced once per store, so listing thousands of jails copies each jail's values once.
     */
    public Map<String, Object> properties() {
        return isCorrupt() ? Map.of() : PropertyLayers.merge(defaults, own, name);
    }

    /** One effective value, {@code "none"} when unset; read from the same layers, without a sorted copy. */
    public String property(String key) {
        Object value = PropertyLayers.merge(defaults, own, name).get(key);
        return value == null ? "none" : String.valueOf(value);
    }

    public JailRef ref() {
        return new JailRef(name, dir, root(), properties());
    }

    /** The reference from {@link #properties()} the caller has already built (list builds them once a jail). */
    public JailRef ref(Map<String, Object> properties) {
        return new JailRef(name, dir, root(), isCorrupt() ? Map.of() : properties);
    }
}
