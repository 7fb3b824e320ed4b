package org.jailsh.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.Reporter;

/**
 * How a session starts: state root and platform (null = the defaults for this host), dry run, where plugins live,
 * explicit provider choices, and where notices go.
 */
public record JailshOptions(Path root, Platform platform, boolean dryRun, List<Path> pluginDirs,
                            Map<ProviderKind, String> preferences, Reporter reporter, Map<String, String> env) {

    public JailshOptions {
        pluginDirs = List.copyOf(pluginDirs);
        preferences = Map.copyOf(preferences);
        env = Map.copyOf(env);
    }

    public static JailshOptions defaults(Reporter reporter) {
        return new JailshOptions(null, null, false, List.of(), Map.of(), reporter, System.getenv());
    }

    public JailshOptions withRoot(Path newRoot) {
        return new JailshOptions(newRoot, platform, dryRun, pluginDirs, preferences, reporter, env);
    }

    public JailshOptions withPlatform(Platform newPlatform) {
        return new JailshOptions(root, newPlatform, dryRun, pluginDirs, preferences, reporter, env);
    }

    public JailshOptions withDryRun(boolean newDryRun) {
        return new JailshOptions(root, platform, newDryRun, pluginDirs, preferences, reporter, env);
    }

    public JailshOptions withPluginDirs(List<Path> dirs) {
        return new JailshOptions(root, platform, dryRun, dirs, preferences, reporter, env);
    }
}
