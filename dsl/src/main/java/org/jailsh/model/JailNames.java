package org.jailsh.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jailsh.spi.ValidationException;

/** The rules for jail names: iocage's character set, plus the bounds iocage forgot (length, leading '-'). */
public final class JailNames {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> RESERVED = Set.of("default", "help", "all");

    private JailNames() {
    }

    /** Returns the name when it may name a jail, else throws saying why. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new ValidationException("a jail name is required", "use letters, digits, '.', '-' and '_'");
        }
        String shown = ValueChecks.printable(name.length() > 80 ? name.substring(0, 80) + "…" : name);
        if (name.length() > MAX_LENGTH) {
            throw new ValidationException("jail name '" + shown + "' is " + name.length() + " characters long",
                    "use at most " + MAX_LENGTH);
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new ValidationException("jail name '" + shown + "' has characters other than letters, digits, "
                    + "'.', '-' and '_'", "e.g. web, db-1 or media_server");
        }
        if (name.equals(".") || name.equals("..") || name.startsWith("-")) {
            throw new ValidationException("'" + shown + "' cannot be a jail name",
                    "start the name with a letter, digit, '.' or '_' and do not use '.' or '..'");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new ValidationException("'" + shown + "' is reserved", "choose another name");
        }
        return name;
    }

    /** iocage treats '.' and '_' as the same character: {@code foo.bar} and {@code foo_bar} cannot coexist. */
    public static String collisionKey(String name) {
        return name.replace('.', '_');
    }

    /** The default {@code host_hostname}: the name with '_' turned into '-', as iocage does. */
    public static String defaultHostname(String name) {
        return name.replace('_', '-');
    }
}
