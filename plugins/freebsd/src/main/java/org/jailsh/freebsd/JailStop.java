package org.jailsh.freebsd;

import java.nio.file.Path;
import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/**
 * Stopping a jail, iocage.md §4.5: RCTL rules, {@code exec_prestop}, {@code exec_stop} inside, the devfs ruleset,
 * {@code jail -r}, the parameter file, {@code exec_poststop}, then leftover mounts. The VNET interfaces are removed by
 * the network provider before this runs. A jail that is not running only gets the clean-up.
 */
final class JailStop {

    private JailStop() {
    }

    static void stop(JailRef jail, ProviderContext ctx) {
        boolean running = ctx.exec().dryRun() || Jail8RuntimeProvider.running(jail, ctx);
        Path conf = JailStart.confFile(jail);
        if (running) {
            Limits.remove(jail, ctx);
            HostHooks.require(jail, "exec_prestop", ctx);
            List<String> stop = Jexec.split(jail.property("exec_stop"));
            if (!stop.isEmpty()) {
                ExecResult stopped = ctx.exec().run(Jexec.in(jail, stop));
                if (!stopped.ok()) {
                    ctx.reporter().warn(jail.name() + ": exec_stop failed (exit " + stopped.exitCode()
                            + "); removing the jail anyway");
                }
            }
            DevfsRuleset.remove(jail, ctx);
            ExecResult removed = ctx.exec().run(Command.of("jail", "-q", "-f", conf.toString(), "-r",
                    jail.hostName()));
            if (!removed.ok() || !removed.stderr().isBlank()) {
                throw new JailshException(jail.name() + ": jail -r failed: " + removed.stderr().strip(),
                        "see jls -j " + jail.hostName() + " and try again");
            }
        }
        ctx.exec().run(Command.of("rm", "-f", conf.toString()));
        if (running) {
            var poststop = HostHooks.run(jail, "exec_poststop", ctx);
            if (poststop != null && !poststop.ok()) {
                ctx.reporter().warn(jail.name() + ": exec_poststop failed (exit " + poststop.exitCode() + ")");
            }
        }
        Path root = jail.root();
        ctx.exec().run(Command.of("umount", "-afF", jail.dir().resolve("fstab").toString()));
        for (String leftover : List.of("dev/fd", "dev", "proc", "compat/linux/proc")) {
            ctx.exec().run(Command.of("umount", "-f", root.resolve(leftover).toString()));
        }
    }
}
