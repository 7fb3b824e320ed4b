package org.jailsh.recipe.inside;

import org.jailsh.model.ValueChecks;
import org.jailsh.spi.ValidationException;

/** User and group names as every jail's tools accept them, checked before anything runs. */
final class AccountNames {

    private AccountNames() {
    }

    static String check(String kind, String name) {
        if (name == null || !name.matches("[a-z_][a-z0-9_.-]{0,31}")) {
            throw new ValidationException("'" + (name == null ? "" : ValueChecks.printable(name)) + "' is not a valid "
                    + kind + " name",
                    "use lower-case letters, digits, '_', '.', '-', starting with a letter or '_' (at most 32)");
        }
        return name;
    }

    static String shell(String shell) {
        if (shell != null && !shell.matches("/[A-Za-z0-9_./+-]+")) {
            throw new ValidationException("'" + ValueChecks.printable(shell) + "' is not a shell path", "e.g. shell: '/bin/sh'");
        }
        return shell;
    }
}
