package org.jailsh.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jailsh.registry.PluginDirs;
import org.jailsh.registry.PluginLoader;
import org.jailsh.registry.ProviderRegistry;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.Reporter;
import org.jailsh.spi.exec.DryRunHostExec;
import org.jailsh.spi.exec.LocalHostExec;
import org.jailsh.store.IocRoot;
import org.jailsh.store.JailStore;
import org.jailsh.store.OperationLog;

/**
 * Everything one run of jailsh works with: host facts, the state store, the provider registry, the door to the OS
 * (real or dry-run) and the operation log. Built once at start; verbs share it.
 */
public final class Session {

    private final JailshOptions options;
    private final HostFacts facts;
    private final JailStore store;
    private final ProviderRegistry registry;
    private final HostExec exec;
    private final OperationLog log;
    private final Reporter reporter;

    public Session(JailshOptions options, HostFacts facts, ProviderRegistry registry, HostExec exec) {
        this.options = options;
        this.facts = facts;
        this.registry = registry;
        IocRoot root = new IocRoot(facts.stateRoot());
        this.log = new OperationLog(root.log().resolve("jailsh.log"));
        this.reporter = exec.dryRun() ? options.reporter() : new LoggingReporter(options.reporter(), log);
        this.store = new JailStore(root, reporter);
        this.exec = exec;
    }

    /** Detects the host, loads plugins from the class path and the plugin directories, and chooses providers. */
    public static Session open(JailshOptions options) {
        Platform platform = options.platform() != null ? options.platform() : Platform.detect();
        boolean root = isRoot();
        Path stateRoot = options.root() != null ? options.root() : defaultRoot(root, options);
        HostFacts facts = new HostFacts(platform, root, stateRoot.toAbsolutePath().normalize(), options.env());
        List<Path> pluginDirs = options.pluginDirs().isEmpty()
                ? PluginDirs.of(options.env(), configHome(options)) : options.pluginDirs();
        PluginLoader loader = PluginLoader.load(Session.class.getClassLoader(), pluginDirs);
        ProviderRegistry registry = new ProviderRegistry(loader.plugins(), loader.broken(), facts,
                preferences(options), options.dryRun());
        OperationLog log = new OperationLog(new IocRoot(facts.stateRoot()).log().resolve("jailsh.log"));
        HostExec exec = options.dryRun() ? new DryRunHostExec() : new LocalHostExec(line -> log.write("DEBUG", line));
        return new Session(options, facts, registry, exec);
    }

    /**
     * Explicit provider choices: the options' own, else {@code JAILSH_STORAGE_PROVIDER=btrfs},
     * {@code JAILSH_RUNTIME_PROVIDER=…} and so on, one variable per kind.
     */
    static Map<ProviderKind, String> preferences(JailshOptions options) {
        Map<ProviderKind, String> chosen = new EnumMap<>(ProviderKind.class);
        for (ProviderKind kind : ProviderKind.values()) {
            String id = options.env().get(preferenceVariable(kind));
            if (id != null && !id.isBlank()) {
                chosen.put(kind, id.trim());
            }
        }
        chosen.putAll(options.preferences());
        return chosen;
    }

    public static String preferenceVariable(ProviderKind kind) {
        return "JAILSH_" + kind.name() + "_PROVIDER";
    }

    /** {@code JAILSH_ROOT}, else /var/lib/jailsh/iocage for root, else under XDG_DATA_HOME. */
    static Path defaultRoot(boolean root, JailshOptions options) {
        String env = options.env().get("JAILSH_ROOT");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (root) {
            return Path.of("/var/lib/jailsh/iocage");
        }
        String data = options.env().get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jailsh").resolve("iocage");
    }

    static Path configHome(JailshOptions options) {
        String config = options.env().get("XDG_CONFIG_HOME");
        return config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
    }

    /** Effective uid 0, read from /proc on Linux; on other systems, the user name. */
    static boolean isRoot() {
        try {
            // /proc/self belongs to the process's effective user: one stat instead of reading and splitting status
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return "root".equals(System.getProperty("user.name"));
    }

    public JailshOptions options() {
        return options;
    }

    public HostFacts facts() {
        return facts;
    }

    public JailStore store() {
        return store;
    }

    public ProviderRegistry registry() {
        return registry;
    }

    public HostExec exec() {
        return exec;
    }

    public OperationLog log() {
        return log;
    }

    public Reporter reporter() {
        return reporter;
    }

    public boolean dryRun() {
        return exec.dryRun();
    }

    public ProviderContext providerContext() {
        return new ProviderContext(exec, facts, reporter);
    }

    /** Notices go to the user and into the log. */
    private record LoggingReporter(Reporter user, OperationLog log) implements Reporter {
        @Override
        public void info(String message) {
            user.info(message);
            log.write("INFO", message);
        }

        @Override
        public void warn(String message) {
            user.warn(message);
            log.write("WARNING", message);
        }

        @Override
        public void progress(String task, long done, long total) {
            user.progress(task, done, total);
        }
    }
}
