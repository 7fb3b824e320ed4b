package org.jailsh.shell;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jailsh.registry.PluginLoader;
import org.jailsh.spi.Command;
import org.jailsh.spi.StartupResources;
import org.jailsh.spi.exec.LocalHostExec;

/**
 * The training runs for the distribution's class-data-sharing archives ({@code ./jailsh} runs them once after each
 * build). {@code one-shot DIR} walks what the one-shot parser's lines load (parsing, the facade, plugins and their
 * probes, listing, a dry-run start and stop, a process run) for the static base archive, and leaves in DIR what later
 * starts read instead of opening jars: the class path's plugins ({@code PluginLoader.INDEX}) and the resources read
 * ({@code StartupResources}). {@code groovy} evaluates Groovy, reads the recipes and goes through picocli (help, a
 * typo) and databind ({@code --json}) for the dynamic archive on top. Both work on a throw-away state root with one
 * jail; nothing outside that root is touched.
 */
public final class CdsTraining {

    /** The lines the one-shot parser reads: the static base archive, mapped by every run. */
    private static final List<List<String>> ONE_SHOT = List.of(
            List.of("list"), List.of("list", "-l"), List.of("info", "train"), List.of("--dry-run", "start", "train"),
            List.of("--dry-run", "stop", "train"), List.of("get", "all", "train"),
            List.of("set", "notes=trained", "train"), List.of("--version"));

    /**
     * Everything else, for the layer on top: Groovy, picocli (help, a typo) and databind (JSON output). Kept out of
     * the base because the JVM relocates every mapped archive at start, at a cost that grows with its size.
     */
    private static final List<List<String>> GROOVY = List.of(
            List.of("-c", "jail('train') { boot = 'off' }; println(1 + 1)"), List.of("recipes"),
            List.of("list", "--json"), List.of("--help"), List.of("help", "list"), List.of("nosuchverb"));

    private CdsTraining() {
    }

    /**
     * What a real start and stop load that a dry run cannot reach (a training run cannot start a jail): a process
     * run as the providers run them, and the classes the start path's mounts and helper use.
     */
    private static void realStartPath() {
        try {
            new LocalHostExec(line -> { }).run(Command.of("true"));
        } catch (RuntimeException e) {
            // no `true` on this host: the process classes stay out of the archive, nothing else changes
        }
        for (String name : List.of("org.jailsh.spi.MountEntry", "org.jailsh.linux.internal.Identity",
                "org.jailsh.linux.internal.JailEnter")) {
            try {
                Class.forName(name, false, CdsTraining.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // a distribution without the Linux plugin: nothing to archive
            }
        }
    }

    public static void main(String[] args) throws IOException {
        boolean groovy = args.length > 0 && args[0].equals("groovy");
        Path root = Files.createTempDirectory("jailsh-cds-");
        try {
            Path jail = Files.createDirectories(root.resolve("jails/train/root"));
            Files.writeString(jail.resolveSibling("config.json"),
                    "{\n    \"host_hostname\": \"train\",\n    \"host_hostuuid\": \"train\",\n    \"ip4_addr\": \"none\",\n"
                    + "    \"priority\": 99,\n    \"release\": \"busybox\",\n    \"vnet\": 0\n}");
            Files.writeString(jail.resolveSibling("fstab"), "");
            if (!groovy) {
                realStartPath();
            }
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true);
            for (List<String> run : groovy ? GROOVY : ONE_SHOT) {
                String[] argv = Stream.concat(Stream.of("--root", root.toString()), run.stream()).toArray(String[]::new);
                Main.run(argv, new ByteArrayInputStream(new byte[0]), sink, sink, false, false);
            }
            if (!groovy && args.length == 2) {
                // what later starts read instead of opening jars; this JVM runs on the same jars as ./jailsh will
                Path cache = Path.of(args[1]);
                Path plugins = cache.resolve(".plugins." + ProcessHandle.current().pid());
                Files.write(plugins, PluginLoader.classPathPlugins(CdsTraining.class.getClassLoader()));
                Files.move(plugins, cache.resolve("plugins"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                StartupResources.copyRead(cache.resolve("resources"));
            }
        } finally {
            // a plain tree this run wrote (no mounts, no links): removed children first
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
