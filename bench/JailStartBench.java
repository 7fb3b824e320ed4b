import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jailsh.api.Jails;
import org.jailsh.api.JailshOptions;
import org.jailsh.model.JailType;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.Reporter;

/**
 * The jail start path (issue 9), in-process through the {@link Jails} facade, against its peers in the same run,
 * interleaved round by round so that the machine's load hits all alike. Run by bench/jail-start.sh, which makes the
 * LXC container, the shared bridge and the network namespace everything runs in.
 *
 * java -cp CLASSPATH bench/JailStartBench.java ROOT RUNS LXCPATH LXCNAME BRIDGE MANY
 *
 * Prints "NAME ms ms ms …" lines, one per measurement:
 *   lxc         lxc-start -d + lxc-stop of a busybox container without network
 *   plain       jailsh start + stop of a busybox clone jail without network
 *   plain-start, plain-stop   its two halves
 *   scripts     the same jail's start + stop with JAILSH_NS_HELPER=off: through the shell scripts, as before jailsh-ns
 *   ipnet       ip netns add + veth onto the shared bridge + addresses + teardown, one sh script of ip commands
 *   vnet        jailsh start + stop of a VNET jail with a static address on the shared bridge
 *   one         create + start of one jail while no other jail runs (it is stopped and destroyed again, untimed),
 *               measured before and after the MANY
 *   many        create + start of MANY jails one after another: the time of each, in order
 */
public class JailStartBench {

    private static final int WARMUP = 5;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String lxcPath = args[2];
        String lxcName = args[3];
        String bridge = args[4];
        int many = Integer.parseInt(args[5]);
        Jails jails = Jails.open(JailshOptions.defaults(Reporter.SILENT).withRoot(root));
        Map<String, String> off = new java.util.HashMap<>(System.getenv());
        off.put("JAILSH_NS_HELPER", "off");
        Jails scripted = Jails.open(new JailshOptions(root, null, false, List.of(), Map.of(), Reporter.SILENT, off));
        if (!Files.isDirectory(root.resolve("releases/busybox/root"))) {
            jails.fetch(ReleaseRequest.named("busybox"));
        }
        jails.create("fs-plain", "busybox", JailType.CLONE, Map.of());
        jails.create("fs-vnet", "busybox", JailType.CLONE, Map.of("vnet", "on", "interfaces", "vnet0:" + bridge,
                "ip4_addr", "vnet0|10.79.0.2/24", "defaultrouter", "none"));

        Map<String, List<Double>> times = new java.util.LinkedHashMap<>();
        for (String name : List.of("lxc", "plain", "plain-start", "plain-stop", "scripts", "ipnet", "vnet")) {
            times.put(name, new ArrayList<>());
        }
        String ipScript = String.join("\n",
                "set -e",
                "ip netns add fsbench-b",
                "ip link add fsbench-h type veth peer name eth0 netns fsbench-b",
                "ip link set fsbench-h master " + bridge,
                "ip link set fsbench-h up",
                "ip -n fsbench-b link set lo up",
                "ip -n fsbench-b link set eth0 up",
                "ip -n fsbench-b addr add 10.79.0.3/24 dev eth0",
                "ip link del fsbench-h",
                "ip netns del fsbench-b");
        for (int i = -WARMUP; i < runs; i++) {
            boolean keep = i >= 0;
            time(keep, times.get("lxc"), () -> {
                sh("lxc-start", "-P", lxcPath, "-n", lxcName, "-d");
                // a TERM that reaches the container's init before its trap is set is lost; lxc-stop would then wait
                // 60 s before it kills: -t 1 bounds that (p90 shows it), the median is what is compared
                sh("lxc-stop", "-P", lxcPath, "-n", lxcName, "-t", "1");
                return null;
            });
            long t0 = System.nanoTime();
            jails.start("fs-plain");
            long t1 = System.nanoTime();
            jails.stop("fs-plain");
            long t2 = System.nanoTime();
            if (keep) {
                times.get("plain").add(ms(t2 - t0));
                times.get("plain-start").add(ms(t1 - t0));
                times.get("plain-stop").add(ms(t2 - t1));
            }
            time(keep, times.get("scripts"), () -> {
                scripted.start("fs-plain");
                scripted.stop("fs-plain");
                return null;
            });
            time(keep, times.get("ipnet"), () -> sh("sh", "-c", ipScript));
            time(keep, times.get("vnet"), () -> {
                jails.start("fs-vnet");
                jails.stop("fs-vnet");
                return null;
            });
        }
        times.forEach(JailStartBench::print);

        if (many > 0) {
            // "one" before and after the MANY, each with no other jail running, so that a drift of the machine's
            // load during the MANY shows in "one" too
            List<Double> one = new ArrayList<>();
            one(jails, one, Math.max(5, runs / 2));
            List<Double> each = new ArrayList<>();
            try {
                for (int i = 0; i < many; i++) {
                    long t0 = System.nanoTime();
                    jails.create("fs-m" + i, "busybox", JailType.CLONE, Map.of());
                    jails.start("fs-m" + i);
                    each.add(ms(System.nanoTime() - t0));
                }
            } finally {
                for (int i = 0; i < many; i++) {
                    try {
                        jails.stop("fs-m" + i);
                        jails.destroy("fs-m" + i);
                    } catch (RuntimeException e) {
                        // not made: the loop above failed before it
                    }
                }
            }
            one(jails, one, Math.max(5, runs / 2));
            print("one", one);
            print("many", each);
        }
        jails.destroy("fs-plain");
        jails.destroy("fs-vnet");
    }

    /** create + start of one jail with no other running, n times (after two untimed), each stopped and destroyed. */
    static void one(Jails jails, List<Double> into, int n) {
        for (int i = -2; i < n; i++) {
            long t0 = System.nanoTime();
            jails.create("fs-one", "busybox", JailType.CLONE, Map.of());
            jails.start("fs-one");
            if (i >= 0) {
                into.add(ms(System.nanoTime() - t0));
            }
            jails.stop("fs-one");
            jails.destroy("fs-one");
        }
    }

    static void time(boolean keep, List<Double> into, Supplier<Object> what) {
        long t0 = System.nanoTime();
        what.get();
        if (keep) {
            into.add(ms(System.nanoTime() - t0));
        }
    }

    static Object sh(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
            return null;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static void print(String name, List<Double> values) {
        StringBuilder line = new StringBuilder(name);
        values.forEach(v -> line.append(String.format(" %.2f", v)));
        System.out.println(line);
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.err.printf("%-12s median %.2f ms (n=%d)%n", name, sorted.get(sorted.size() / 2), sorted.size());
    }
}
