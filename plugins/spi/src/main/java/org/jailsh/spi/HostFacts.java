package org.jailsh.spi;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a provider may know about the host when it is probed: the profile, whether we are root, where state lives,
 * and the environment (for PATH look-ups). Probes read facts; they never run commands.
 */
public record HostFacts(Platform platform, boolean root, Path stateRoot, Map<String, String> env) {

    public HostFacts {
        env = Map.copyOf(env);
    }

    /** True when an executable named {@code command} is on this host's PATH. */
    public boolean hasCommand(String command) {
        String path = env.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
