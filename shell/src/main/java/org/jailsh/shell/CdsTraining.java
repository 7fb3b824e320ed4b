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

/**
 * The training run for the distribution's class-data-sharing archive: {@code ./jailsh} runs it once under
 * {@code -XX:ArchiveClassesAtExit}, and later runs map the classes it loaded instead of loading them again. It walks
 * what one-shot verbs load (parsing, the facade, plugins and their probes, listing, a dry-run start and stop, help)
 * and a Groovy evaluation, on a throw-away state root with one jail; nothing outside that root is touched.
 */
public final class CdsTraining {

    private static final List<List<String>> RUNS = List.of(
            List.of("list"), List.of("list", "-l"), List.of("list", "--json"), List.of("info", "train"),
            List.of("--dry-run", "start", "train"), List.of("--dry-run", "stop", "train"), List.of("get", "all", "train"),
            List.of("--help"), List.of("help", "list"), List.of("nosuchverb"),
            List.of("-c", "jail('train') { boot = 'off' }; println(1 + 1)"));

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Files.createTempDirectory("jailsh-cds-");
        try {
            Path jail = Files.createDirectories(root.resolve("jails/train/root"));
            Files.writeString(jail.resolveSibling("config.json"),
                    "{\n    \"host_hostname\": \"train\",\n    \"host_hostuuid\": \"train\",\n    \"release\": \"busybox\"\n}");
            Files.writeString(jail.resolveSibling("fstab"), "");
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true);
            for (List<String> run : RUNS) {
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
