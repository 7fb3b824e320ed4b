package org.jailsh.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where plugin jars are looked for. {@code JAILSH_PLUGIN_PATH} (directories separated by ':', like PATH) replaces
 * the defaults: the user's {@code $XDG_CONFIG_HOME/jailsh/plugins} (else {@code ~/.config/jailsh/plugins}), then
 * the system's {@code /usr/local/lib/jailsh/plugins}. The system directory is under lib, not etc: a jar is code that
 * the administrator installs, not configuration (hier(7) on FreeBSD and the FHS on Linux agree on
 * {@code /usr/local/lib} for locally installed libraries).
 */
public final class PluginDirs {

    public static final String ENV = "JAILSH_PLUGIN_PATH";
    public static final Path SYSTEM = Path.of("/usr/local/lib/jailsh/plugins");

    private PluginDirs() {
    }

    public static List<Path> of(Map<String, String> env, Path configHome) {
        String path = env.get(ENV);
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
            return dirs;
        }
        dirs.add(configHome.resolve("jailsh").resolve("plugins"));
        dirs.add(SYSTEM);
        return dirs;
    }
}
