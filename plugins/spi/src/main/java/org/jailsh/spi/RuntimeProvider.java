package org.jailsh.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts, stops and enters jails ({@code linux-ns}, {@code jail8}, …). */
public interface RuntimeProvider extends Provider {

    @Override
    default ProviderKind kind() {
        return ProviderKind.RUNTIME;
    }

    RunState state(JailRef jail, ProviderContext ctx);

    /** Starts the jail with its mount points; the network provider attaches afterwards. */
    RunState start(JailRef jail, List<MountEntry> mounts, ProviderContext ctx);

    void stop(JailRef jail, ProviderContext ctx);

    /**
     * Runs argv inside the jail as {@code user}. Output is captured in the result, except when {@code interactive}:
     * then the command has the user's terminal and the result carries only the exit code.
     */
    ExecResult exec(JailRef jail, List<String> argv, String user, boolean interactive, ProviderContext ctx);

    /**
     * First half of a two-phase start: the jail exists (and has its mounts) but has not run its own start yet, so the
     * network can be attached before the jail's rc needs it (jail(8): {@code jail -c}, VNET, then {@code exec_start}).
     * The core calls {@code create}, then the network's {@code attach}, then {@link #boot}. By default
     * {@code create} is {@link #start} and {@code boot} does nothing, so one-phase runtimes need not care.
     */
    default RunState create(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        return start(jail, mounts, ctx);
    }

    /** Second half of a two-phase start, after the network is attached: the jail's own start, hooks, limits. */
    default void boot(JailRef jail, RunState state, ProviderContext ctx) {
    }

    /** A login on the user's terminal ({@code console NAME}); returns its exit code. */
    default int console(JailRef jail, ProviderContext ctx) {
        return exec(jail, List.of("/bin/sh", "-l"), "root", true, ctx).exitCode();
    }

    /** The run state of several jails, keyed by jail name; runtimes that can ask once for all override it. */
    default Map<String, RunState> states(List<JailRef> jails, ProviderContext ctx) {
        Map<String, RunState> states = new LinkedHashMap<>();
        for (JailRef jail : jails) {
            states.put(jail.name(), state(jail, ctx));
        }
        return states;
    }
}
