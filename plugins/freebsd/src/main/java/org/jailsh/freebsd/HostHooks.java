package org.jailsh.freebsd;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/**
 * {@code exec_prestart}, {@code exec_poststart}, {@code exec_prestop}, {@code exec_poststop}: run on the host, as
 * iocage's runscript does (iocage.md §4.3): one word must be an absolute path to run directly, several words run under
 * {@code /bin/sh -c} (the user's own host command line, by design). The default {@code /usr/bin/true} is skipped.
 */
final class HostHooks {

    static final String NOTHING = "/usr/bin/true";

    private HostHooks() {
    }

    /** Runs the hook; returns its result, or null when there is nothing to run. Failure is the caller's to judge. */
    static ExecResult run(JailRef jail, String hook, ProviderContext ctx) {
        String value = jail.property(hook).strip();
        if (value.isEmpty() || value.equals("none") || value.equals(NOTHING)) {
            return null;
        }
        Command command;
        if (value.matches("\\S+")) {
            if (!value.startsWith("/")) {
                throw new JailshException(jail.name() + ": " + hook + " '" + value + "' is not an executable path",
                        "give an absolute path, or a command line with arguments");
            }
            command = Command.of(value);
        } else {
            command = Command.of("/bin/sh", "-c", value);
        }
        return ctx.exec().run(command.withEnv("IOCAGE_NAME", jail.hostName())
                .withEnv("IOCAGE_HOSTNAME", jail.property("host_hostname")));
    }

    /** Runs the hook and fails with its output unless it exits 0. */
    static void require(JailRef jail, String hook, ProviderContext ctx) {
        ExecResult result = run(jail, hook, ctx);
        if (result != null && !result.ok()) {
            throw new JailshException(jail.name() + ": " + hook + " failed (exit " + result.exitCode() + ")"
                    + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()),
                    "fix the hook or set " + hook + "=" + NOTHING);
        }
    }
}
