package org.jailsh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jailsh.api.Jails;
import org.jailsh.api.JailshOptions;
import org.jailsh.dsl.Console;
import org.jailsh.model.JailType;
import org.jailsh.plan.Outcome;
import org.jailsh.spi.Reporter;

/** What every benchmark needs: a quiet facade on a state root, jails made and removed, tree removal made safe. */
final class Fixture {

    /** A console that keeps nothing: benchmarks measure work, not printing. */
    static final Console QUIET = new Console() {
        @Override
        public void outcome(Outcome outcome) {
        }

        @Override
        public void line(String text) {
        }
    };

    private Fixture() {
    }

    /** The state root given by run.sh ({@code -Dbench.root}), where busybox (and the big release) are fetched. */
    static Path givenRoot() {
        String root = System.getProperty("bench.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("set -Dbench.root=IOCROOT (a root with the busybox release fetched)");
        }
        return Path.of(root);
    }

    static Jails open(Path root) {
        return Jails.open(JailshOptions.defaults(Reporter.SILENT).withRoot(root).withPluginDirs(List.of(root.resolve(
                ".no-plugins"))));
    }

    /** A busybox clone jail with no network, or with VNET on {@code bridge} at {@code address} when given. */
    static void createJail(Jails jails, String name, String release, String bridge, String address) {
        Map<String, String> props = new LinkedHashMap<>();
        if (bridge != null) {
            props.put("vnet", "on");
            props.put("interfaces", "vnet0:" + bridge);
            props.put("ip4_addr", "vnet0|" + address);
            props.put("defaultrouter", "none");
        }
        jails.create(name, release, JailType.CLONE, props);
    }

    /** Stops (when up) and destroys; errors are the benchmark's to report, so they are not swallowed. */
    static void destroy(Jails jails, String name) {
        if (jails.session().store().find(name).isEmpty()) {
            return;
        }
        jails.list(false).stream().filter(j -> j.name().equals(name) && "up".equals(j.state())).findFirst()
                .ifPresent(j -> jails.stop(name));
        jails.destroy(name);
    }

    static Path tempDir(String what) {
        try {
            return Files.createTempDirectory("jailsh-bench-" + what + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** rm -rf --one-file-system, and only when nothing is mounted below (never delete through a mount). */
    static void removeTree(Path dir) {
        try {
            String prefix = dir.toAbsolutePath().normalize() + "/";
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mountPoint = line.split(" ")[4];
                if ((mountPoint + "/").startsWith(prefix)) {
                    System.err.println("bench: still mounted under " + dir + " (" + mountPoint + "); left in place");
                    return;
                }
            }
            Process rm = new ProcessBuilder("rm", "-rf", "--one-file-system", "--", dir.toString()).inheritIO()
                    .start();
            rm.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
