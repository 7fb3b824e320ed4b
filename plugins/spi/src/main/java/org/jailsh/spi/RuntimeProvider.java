package org.jailsh.spi;

import java.util.List;

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
}
