package org.jailsh.linux;

import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/** iocage's host-side hooks (exec_prestart, exec_poststart, exec_prestop, exec_poststop), run as argv on the host. */
final class HostHooks {

    private HostHooks() {
    }

    /** @param required a failure stops the operation (exec_prestart); otherwise it is only reported */
    static void run(JailRef jail, String property, ProviderContext ctx, boolean required) {
        List<String> argv = NamespaceRuntimeProvider.words(jail.property(property));
        if (argv.isEmpty() || argv.equals(List.of("/usr/bin/true")) || argv.equals(List.of("true"))) {
            return;
        }
        ExecResult result = ctx.exec().run(Command.of(argv));
        if (result.ok()) {
            return;
        }
        String message = jail.name() + ": " + property + " (" + String.join(" ", argv) + ") failed with exit code "
                + result.exitCode() + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip());
        if (required) {
            throw new JailshException(message, "fix the hook or set " + property + "=/usr/bin/true");
        }
        ctx.reporter().warn(message);
    }
}
