package org.jailsh.shell.commands;

import java.util.List;
import java.util.function.Consumer;

import org.jailsh.shell.Output;
import org.jailsh.spi.JailshException;

/**
 * Runs one action per jail; a failure is reported and the others still run (the seed's checkboxes), and the exit
 * code says whether any failed.
 */
final class Batch {

    private Batch() {
    }

    static int each(Output output, List<String> jails, Consumer<String> action) {
        int failed = 0;
        for (String jail : jails) {
            try {
                action.accept(jail);
            } catch (JailshException e) {
                if (jails.size() == 1) {
                    throw e;
                }
                output.error(jail + ": " + e.userMessage());
                failed++;
            }
        }
        if (failed > 0) {
            output.error(failed + " of " + jails.size() + " failed");
        }
        return failed > 0 ? 1 : 0;
    }

    /** {@code ALL} expands to every jail; other words are kept for the resolver. */
    static List<String> expand(org.jailsh.api.Jails jails, List<String> words) {
        if (!words.contains("ALL")) {
            return words;
        }
        return jails.list(false).stream().map(org.jailsh.verbs.JailInfo::name).toList();
    }
}
