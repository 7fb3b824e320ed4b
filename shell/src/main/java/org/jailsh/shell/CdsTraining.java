package org.jailsh.shell;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jailsh.registry.PluginLoader;

/**
 * The training runs for the distribution's class-data-sharing archives ({@code ./jailsh} runs them once after each
 * build). {@code one-shot} walks what one-shot verbs load (parsing, the facade, plugins and their probes, listing,
 * a dry-run start and stop, help, a typo) for the static base archive; {@code groovy} evaluates Groovy and reads the
 * recipes for the dynamic archive on top of it. Both work on a throw-away state root with one jail; nothing outside
 * that root is touched.
 */
public final class CdsTraining {

    private static final List<List<String>> ONE_SHOT = List.of(
            List.of("list"), List.of("list", "-l"), List.of("list", "--json"), List.of("info", "train"),
            List.of("--dry-run", "start", "train"), List.of("--dry-run", "stop", "train"), List.of("get", "all", "train"),
            List.of("set", "notes=trained", "train"), List.of("--help"), List.of("help", "list"),
            List.of("nosuchverb"));

    private static final List<List<String>> GROOVY = List.of(
            List.of("-c", "jail('train') { boot = 'off' }; println(1 + 1)"), List.of("recipes"));

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("plugins")) {
            // the class path's plugins, for PluginLoader.INDEX: this JVM runs on the same jars as ./jailsh will
            Files.write(Path.of(args[1]), PluginLoader.classPathPlugins(CdsTraining.class.getClassLoader()));
            return;
        }
        Path root = Files.createTempDirectory("jailsh-cds-");
        try {
            Path jail = Files.createDirectories(root.resolve("jails/train/root"));
            Files.writeString(jail.resolveSibling("config.json"),
                    "{\n    \"host_hostname\": \"train\",\n    \"host_hostuuid\": \"train\",\n    \"ip4_addr\": \"none\",\n"
                    + "    \"priority\": 99,\n    \"release\": \"busybox\",\n    \"vnet\": 0\n}");
            Files.writeString(jail.resolveSibling("fstab"), "");
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true);
            for (List<String> run : args.length > 0 && args[0].equals("groovy") ? GROOVY : ONE_SHOT) {
                String[] argv = Stream.concat(Stream.of("--root", root.toString()), run.stream()).toArray(String[]::new);
                Main.run(argv, new ByteArrayInputStream(new byte[0]), sink, sink, false, false);
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
