package org.jailsh.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RunState;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.ValidationException;

/**
 * Runtime {@code jail8}: FreeBSD jails through jail(8), jexec(8) and jls(8), started and stopped as iocage does it
 * (iocage.md §4.3, §4.5) so a jail moves between iocage and jailsh unchanged. The jail(8) name is {@code ioc-NAME}
 * with dots as underscores. Start is two-phase: {@link #create} (the jail exists), the network attaches, {@link #boot}
 * (its rc runs); {@link #start} does both for callers that do not attach a network in between.
 */
public final class Jail8RuntimeProvider implements RuntimeProvider {

    @Override
    public String id() {
        return "jail8";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.FREEBSD);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("jail", "vnet", "devfs-rulesets", "rctl", "cpuset", "console", "fstab");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (!facts.hasCommand("jail") || !facts.hasCommand("jexec") || !facts.hasCommand("jls")) {
            return Availability.unavailable("needs FreeBSD: jail(8) not found");
        }
        return Availability.ok();
    }

    @Override
    public RunState state(JailRef jail, ProviderContext ctx) {
        return Jls.all(ctx).getOrDefault(jail.hostName(), RunState.DOWN);
    }

    /** The state of every jail from one {@code jls --libxo json -v}. */
    @Override
    public Map<String, RunState> states(List<JailRef> jails, ProviderContext ctx) {
        Map<String, RunState> running = Jls.all(ctx);
        Map<String, RunState> states = new LinkedHashMap<>();
        for (JailRef jail : jails) {
            states.put(jail.name(), running.getOrDefault(jail.hostName(), RunState.DOWN));
        }
        return states;
    }

    /** iocage.md §4.3 step 1: {@code jls -j ioc-NAME} lists it (a header line, then the jail). */
    static boolean running(JailRef jail, ProviderContext ctx) {
        ExecResult result = ctx.exec().run(Command.of("jls", "-j", jail.hostName()));
        return result.ok() && result.stdout().strip().lines().count() >= 2;
    }

    @Override
    public RunState start(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        RunState state = create(jail, mounts, ctx);
        boot(jail, state, ctx);
        return state;
    }

    @Override
    public RunState create(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        return JailStart.create(jail, mounts, ctx);
    }

    @Override
    public void boot(JailRef jail, RunState state, ProviderContext ctx) {
        JailStart.boot(jail, ctx);
    }

    @Override
    public void stop(JailRef jail, ProviderContext ctx) {
        JailStop.stop(jail, ctx);
    }

    /** iocage.md §4.7: {@code setfib FIB jexec -U USER ioc-NAME argv…}. */
    @Override
    public ExecResult exec(JailRef jail, List<String> argv, String user, boolean interactive, ProviderContext ctx) {
        if (argv.isEmpty()) {
            throw new ValidationException("no command given", "e.g. exec " + jail.name() + " hostname");
        }
        var command = Jexec.as(jail, user, argv);
        return ctx.exec().run(interactive ? command.interactively() : command);
    }

    /** iocage.md §4.7: {@code setfib FIB jexec -u root ioc-NAME login -p <login_flags>} on the user's terminal. */
    @Override
    public int console(JailRef jail, ProviderContext ctx) {
        List<String> argv = new ArrayList<>(List.of("setfib", Jexec.fib(jail), "jexec", "-u", "root", jail.hostName(),
                "login", "-p"));
        String flags = jail.property("login_flags");
        for (String flag : Jexec.split(flags.equals("none") ? "-f root" : flags)) {
            if (!flag.matches("[A-Za-z0-9_.-]+")) {
                throw new ValidationException(jail.name() + ": login_flags '" + flags + "' has an unusable word",
                        "e.g. -f root");
            }
            argv.add(flag);
        }
        return ctx.exec().run(Command.of(argv).interactively()).exitCode();
    }
}
