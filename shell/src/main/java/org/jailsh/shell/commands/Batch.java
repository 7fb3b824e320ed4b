package org.jailsh.shell.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jailsh.shell.Output;
import org.jailsh.spi.JailshException;

/**
 * Runs one action per jail; a failure is reported and the others still run (the seed's checkboxes), a batch of
 * several ends with a per-jail summary, and the exit code says whether any failed.
 */
final class Batch {

    private Batch() {
    }

    static int each(Output output, String verb, List<String> jails, Consumer<String> action) {
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String jail : jails) {
            try {
                action.accept(jail);
                done.add(jail);
            } catch (JailshException e) {
                if (jails.size() == 1) {
                    throw e;
                }
                output.error(jail + ": " + e.userMessage());
                failed.add(jail);
            }
        }
        if (jails.size() > 1) {
            // one line per batch on the error stream, so that stdout keeps only outcomes (and --json stays JSON)
            output.err().println(verb + ": " + summary(done, "done") + (done.isEmpty() || failed.isEmpty() ? "" : "; ")
                    + summary(failed, "failed"));
            output.err().flush();
        }
        if (!failed.isEmpty()) {
            output.error(failed.size() + " of " + jails.size() + " failed");
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private static String summary(List<String> jails, String what) {
        return jails.isEmpty() ? "" : what + " " + String.join(", ", jails);
    }

    /** {@code ALL} expands to every jail; other words are kept for the resolver. */
    static List<String> expand(org.jailsh.api.Jails jails, List<String> words) {
        if (!words.contains("ALL")) {
            return words;
        }
        return jails.list(false).stream().map(org.jailsh.verbs.JailInfo::name).toList();
    }
}
