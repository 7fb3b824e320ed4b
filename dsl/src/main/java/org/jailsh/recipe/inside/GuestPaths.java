package org.jailsh.recipe.inside;

import java.util.List;

import org.jailsh.model.ValueChecks;
import org.jailsh.spi.ValidationException;

/** Paths inside a jail as {@code file} and {@code dir} take them: absolute, one line, no '..'. */
final class GuestPaths {

    private GuestPaths() {
    }

    static String check(String verb, String path, String example) {
        if (path == null || !path.startsWith("/")) {
            throw new ValidationException(verb + ": '" + shown(path) + "' is not an absolute path in the jail", example);
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ValidationException(verb + ": '" + shown(path) + "' contains a control character", example);
        }
        if (List.of(path.split("/")).contains("..")) {
            throw new ValidationException(verb + ": '" + path + "' contains '..'", "write the path without '..'; "
                    + example);
        }
        return path;
    }

    private static String shown(String path) {
        return path == null ? "" : ValueChecks.printable(path);
    }
}
