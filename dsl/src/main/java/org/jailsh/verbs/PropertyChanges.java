package org.jailsh.verbs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ArrayList;

import org.jailsh.model.IocageProperties;
import org.jailsh.model.Property;
import org.jailsh.model.PropertyRules;
import org.jailsh.spi.UsageException;
import org.jailsh.spi.ValidationException;

/**
 * Checks what a user asked to set against the property table and the rules, and keeps only what differs from the
 * jail's effective values. Shared by {@code set}, {@code create} and the declarative {@code jail(…)} block.
 */
public record PropertyChanges(Map<String, Object> changes, List<String> notices) {

    /** Splits {@code KEY=VALUE} words; anything else is a usage error that says what was expected. */
    public static Map<String, String> parseAssignments(List<String> words) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("'" + word + "' is not PROPERTY=VALUE", "e.g. vnet=on or ip4_addr='vnet0|192.0.2.10/24'");
            }
            raw.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return raw;
    }

    /**
     * @param jail      the jail's name, for messages
     * @param effective its current effective values (defaults for a new jail)
     * @param raw       what the user typed
     * @param internal  true for values jailsh itself sets at create (release, type…)
     */
    public static PropertyChanges compute(String jail, Map<String, Object> effective, Map<String, String> raw,
                                          boolean internal) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            Property p = IocageProperties.require(e.getKey());
            if (!p.settable() && !internal) {
                throw new ValidationException(jail + ": " + p.name() + " cannot be changed by the user",
                        hintForReadOnly(p.name()));
            }
            if (p.defaultsOnly()) {
                throw new ValidationException(jail + ": " + p.name() + " can only be set for all jails",
                        "set " + p.name() + "=" + e.getValue() + " default");
            }
            parsed.put(p.name(), p.parse(jail, e.getValue()));
        }
        List<String> notices = new ArrayList<>(PropertyRules.addImplied(parsed));
        PropertyRules.check(jail, PropertyRules.merged(effective, parsed));
        Map<String, Object> changes = new LinkedHashMap<>();
        parsed.forEach((key, value) -> {
            if (!same(effective.get(key), value)) {
                changes.put(key, value);
            }
        });
        notices.removeIf(n -> !changes.containsKey(n.substring(0, n.indexOf(' '))));
        return new PropertyChanges(changes, notices);
    }

    private static boolean same(Object current, Object wanted) {
        return Objects.equals(current == null ? null : String.valueOf(current),
                wanted == null ? null : String.valueOf(wanted));
    }

    private static String hintForReadOnly(String key) {
        return switch (key) {
            case "release" -> "use 'upgrade NAME -r RELEASE' to move a jail to another release";
            case "type" -> "use template=yes|no to turn a jail into a template and back";
            case "basejail" -> "choose the type at create: create -b for a basejail";
            default -> "jailsh maintains it";
        };
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
