package org.jailsh.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jailsh.model.IocageProperties;
import org.jailsh.model.Property;
import org.jailsh.model.PropertyType;
import org.jailsh.model.ValueChecks;

/**
 * A jail's effective properties built from the defaults every jail of a store shares: the defaults are coerced once
 * (yes/no properties to 0/1, as iocage does when it loads), and each jail only lays its own values over them. With
 * thousands of jails, coercing ~150 defaults and copying them into a sorted map for each jail was most of
 * {@code list}'s time and memory (bench/RESULTS.md).
 */
final class PropertyLayers {

    /** The coerced defaults of one shared defaults map, as entries in a fixed order, and each key's position. */
    private record Base(Map<String, Object> source, Map.Entry<String, Object>[] entries, Map<String, Integer> index) {
    }

    private static volatile Base last;

    private PropertyLayers() {
    }

    /** The value as iocage holds it in memory: 0/1 for yes/no properties, the value itself otherwise. */
    static Object coerce(String key, Object value) {
        if (value == null || value instanceof Integer) {
            return value;
        }
        Property p = IocageProperties.all().get(key);
        return p != null && p.type() == PropertyType.FLAG ? (ValueChecks.isYes(value) ? 1 : 0) : value;
    }

    /**
     * {@code own} over {@code defaults}, coerced, without null values, as an immutable map (what {@code JailRef}
     * keeps as it is). {@code defaults} is the store's shared map: its coerced form is built once and reused.
     */
    static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> own, String name) {
        Base base = base(defaults);
        Map.Entry<String, Object>[] merged = base.entries().clone();
        List<Map.Entry<String, Object>> extra = new ArrayList<>();
        for (Map.Entry<String, Object> e : own.entrySet()) {
            Object value = coerce(e.getKey(), e.getValue());
            Map.Entry<String, Object> entry = value == null ? null : Map.entry(e.getKey(), value);
            Integer at = base.index().get(e.getKey());
            if (at != null) {
                merged[at] = entry;
            } else if (entry != null) {
                extra.add(entry);
            }
        }
        putIfAbsent(merged, base, extra, "host_hostname", name.replace('_', '-'));
        putIfAbsent(merged, base, extra, "host_hostuuid", name);
        List<Map.Entry<String, Object>> all = new ArrayList<>(merged.length + extra.size());
        for (Map.Entry<String, Object> e : merged) {
            if (e != null) {
                all.add(e);
            }
        }
        all.addAll(extra);
        @SuppressWarnings("unchecked")
        Map.Entry<String, Object>[] array = all.toArray(Map.Entry[]::new);
        return Map.ofEntries(array);
    }

    private static void putIfAbsent(Map.Entry<String, Object>[] merged, Base base,
                                    List<Map.Entry<String, Object>> extra, String key, String value) {
        Integer at = base.index().get(key);
        if (at != null) {
            if (merged[at] == null) {
                merged[at] = Map.entry(key, value);
            }
        } else if (extra.stream().noneMatch(e -> e.getKey().equals(key))) {
            extra.add(Map.entry(key, value));
        }
    }

    /** Identity, not equality: a store hands every jail the same defaults map, and comparing 150 keys would cost more. */
    private static Base base(Map<String, Object> defaults) {
        Base base = last;
        if (base == null || base.source() != defaults) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(defaults.size());
            Map<String, Integer> index = new HashMap<>();
            for (Map.Entry<String, Object> e : defaults.entrySet()) {
                index.put(e.getKey(), entries.size());
                Object value = coerce(e.getKey(), e.getValue());
                entries.add(value == null ? null : Map.entry(e.getKey(), value));
            }
            @SuppressWarnings("unchecked")
            Map.Entry<String, Object>[] array = entries.toArray(Map.Entry[]::new);
            base = new Base(defaults, array, Map.copyOf(index));
            last = base;
        }
        return base;
    }
}
