package org.jailsh.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/**
 * iocage's {@code memoryuse} and {@code maxproc} limits ({@code deny=512m}, {@code deny=100}) as cgroups. With cgroup
 * v2 (a {@code cgroup.controllers} at the top that offers memory and pids) a jail gets {@code jailsh/NAME} under the
 * top, with the controllers enabled on the way, since v2 lets no cgroup that holds processes delegate controllers.
 * With v1 it gets {@code jailsh/NAME} in the memory and pids hierarchies, under the cgroup jailsh itself runs in
 * (read from {@code /proc/self/cgroup}). The cgroups exist before the jail's first process: {@link #JOIN} moves the
 * launcher, and every command later entered into the jail, into them before anything runs. Their directories are
 * kept in {@code JAILDIR/.jailsh-cgroups} for stop to remove.
 */
final class Cgroups {

    static final String RECORD = ".jailsh-cgroups";

    /** {@code $1} = how many cgroup.procs files follow, then those files, then the command to exec there. */
    static final String JOIN = """
            n=$1
            shift
            while [ "$n" -gt 0 ]; do
                if ! printf '%s\\n' "$$" 2>/dev/null >"$1"; then
                    { echo "error cannot join the cgroup ${1%/*}" >&3; } 2>/dev/null
                    echo "jailsh: cannot join the cgroup ${1%/*}" >&2
                    exit 125
                fi
                n=$((n - 1))
                shift
            done
            exec "$@"
            """;

    /** Writes {@code $2} into the cgroup file {@code $1}: cgroup files take one write, not a rename. */
    static final String WRITE = "printf '%s\\n' \"$2\" >\"$1\"";

    /** iocage's other RCTL limits, which linux-ns does not apply. */
    private static final List<String> IGNORED = List.of("memorylocked", "vmemoryuse", "cputime", "pcpu", "datasize",
            "stacksize", "coredumpsize", "openfiles", "pseudoterminals", "swapuse", "nthr", "msgqqueued", "msgqsize",
            "nmsgq", "nsem", "nsemop", "nshm", "shmsize", "wallclock", "readbps", "writebps", "readiops",
            "writeiops");
    private static final Pattern AMOUNT = Pattern.compile("(?i)([a-z0-9]+)=([0-9]+)([bkmgtp]?)");
    private static final String UNITS = "bkmgtp";

    private final Path top;
    private final Path self;

    /**
     * @param top  where cgroup file systems are mounted ({@code /sys/fs/cgroup})
     * @param self this process's cgroups ({@code /proc/self/cgroup})
     */
    Cgroups(Path top, Path self) {
        this.top = top;
        this.self = self;
    }

    static Cgroups host() {
        return new Cgroups(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
    }

    /** The limits to apply, by cgroup v1 controller: memory bytes and pids; empty when the jail sets none. */
    static Map<String, Long> limits(JailRef jail, ProviderContext ctx) {
        Map<String, Long> limits = new LinkedHashMap<>();
        limit(jail, "memoryuse", ctx).ifPresent(bytes -> limits.put("memory", bytes));
        limit(jail, "maxproc", ctx).ifPresent(count -> limits.put("pids", count));
        List<String> ignored = IGNORED.stream().filter(p -> !List.of("off", "none").contains(jail.property(p)))
                .map(p -> p + "=" + jail.property(p)).toList();
        if (!ignored.isEmpty()) {
            ctx.reporter().warn(jail.name() + ": linux-ns applies only memoryuse and maxproc; ignored: "
                    + String.join(", ", ignored));
        }
        return limits;
    }

    private static Optional<Long> limit(JailRef jail, String property, ProviderContext ctx) {
        String value = jail.property(property).trim();
        if (value.equals("off") || value.equals("none") || value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = AMOUNT.matcher(value);
        if (!m.matches()) {
            throw new JailshException(jail.name() + ": cannot read " + property + "=" + value,
                    "write it as iocage does, e.g. " + property + "=deny=512m");
        }
        if (!m.group(1).equalsIgnoreCase("deny")) {
            ctx.reporter().warn(jail.name() + ": linux-ns enforces only deny limits; " + property + "=" + value
                    + " is ignored");
            return Optional.empty();
        }
        int unit = m.group(3).isEmpty() ? 0 : UNITS.indexOf(m.group(3).toLowerCase(Locale.ROOT));
        return Optional.of(Long.parseLong(m.group(2)) << (10 * unit));
    }

    /**
     * Creates the jail's cgroups with its limits and records them; returns the argv prefix that moves a command into
     * them ({@link #JOIN}), or an empty list when the jail has no limits.
     */
    List<String> setUp(JailRef jail, Map<String, Long> limits, ProviderContext ctx) {
        if (limits.isEmpty()) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        if (v2(limits)) {
            Path parent = top.resolve("jailsh");
            Path dir = parent.resolve(jail.name());
            mkdir(jail, dir, ctx);
            String controllers = String.join(" ", limits.keySet().stream().map(c -> "+" + c).toList());
            write(jail, top.resolve("cgroup.subtree_control"), controllers, ctx);
            write(jail, parent.resolve("cgroup.subtree_control"), controllers, ctx);
            for (Map.Entry<String, Long> limit : limits.entrySet()) {
                write(jail, dir.resolve(limit.getKey() + ".max"), Long.toString(limit.getValue()), ctx);
            }
            dirs.add(dir);
        } else {
            for (Map.Entry<String, Long> limit : limits.entrySet()) {
                Path dir = v1Dir(jail, limit.getKey());
                mkdir(jail, dir, ctx);
                String file = limit.getKey().equals("memory") ? "memory.limit_in_bytes" : "pids.max";
                write(jail, dir.resolve(file), Long.toString(limit.getValue()), ctx);
                dirs.add(dir);
            }
        }
        ctx.exec().writeFile(jail.dir().resolve(RECORD), String.join("\n", dirs.stream().map(Path::toString)
                .toList()) + "\n");
        return join(dirs);
    }

    /** {@code argv} run in the jail's cgroups, when it has any: how commands entered into the jail stay limited. */
    static List<String> inside(Path jailDir, List<String> argv) {
        List<String> all = new ArrayList<>(join(recorded(jailDir)));
        all.addAll(argv);
        return all;
    }

    /** Removes the jail's cgroups once its processes are gone (the kernel may take a moment to let go of them). */
    static void tearDown(JailRef jail, ProviderContext ctx, JailStopper.Pause pause) {
        List<Path> dirs = recorded(jail.dir());
        for (Path dir : dirs) {
            ExecResult removed = ctx.exec().run(Command.of("rmdir", "--", dir.toString()));
            for (int i = 0; !removed.ok() && Files.isDirectory(dir) && !ctx.exec().dryRun() && i < 100; i++) {
                pause.pause(10);
                removed = ctx.exec().run(Command.of("rmdir", "--", dir.toString()));
            }
            if (!removed.ok() && Files.isDirectory(dir)) {
                ctx.reporter().warn(jail.name() + ": cannot remove its cgroup " + dir + ": "
                        + removed.stderr().strip());
            }
            // the shared parent goes with its last jail; while others use it, rmdir only fails
            ctx.exec().run(Command.of("rmdir", "--", dir.getParent().toString()));
        }
        if (!dirs.isEmpty() || Files.exists(jail.dir().resolve(RECORD))) {
            ctx.exec().remove(jail.dir().resolve(RECORD));
        }
    }

    private boolean v2(Map<String, Long> limits) {
        try {
            List<String> offered = List.of(Files.readString(top.resolve("cgroup.controllers")).trim().split("\\s+"));
            return offered.containsAll(limits.keySet());
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code /sys/fs/cgroup/CONTROLLER/<jailsh's own cgroup>/jailsh/NAME}. */
    private Path v1Dir(JailRef jail, String controller) {
        Path mount = top.resolve(controller);
        if (!Files.isDirectory(mount)) {
            throw new JailshException(jail.name() + ": no cgroup " + controller + " controller at " + mount
                    + " for " + (controller.equals("memory") ? "memoryuse" : "maxproc"),
                    "mount the cgroup hierarchy, or set the limit to off");
        }
        String own = "/";
        try {
            for (String line : Files.readAllLines(self)) {
                String[] f = line.split(":", 3);
                if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) {
                    own = f[2];
                }
            }
        } catch (IOException e) {
            // jailsh's own cgroup unknown: the hierarchy's top
        }
        return mount.resolve(own.replaceFirst("^/+", "")).resolve("jailsh").resolve(jail.name());
    }

    private static void mkdir(JailRef jail, Path dir, ProviderContext ctx) {
        ExecResult made = ctx.exec().run(Command.of("mkdir", "-p", "--", dir.toString()));
        if (!made.ok()) {
            throw cannot(jail, "cannot create " + dir, made);
        }
    }

    private static void write(JailRef jail, Path file, String value, ProviderContext ctx) {
        ExecResult written = ctx.exec().run(Command.of("/bin/sh", "-c", WRITE, "jailsh-cgroup", file.toString(),
                value));
        if (!written.ok()) {
            throw cannot(jail, "cannot write " + value + " to " + file, written);
        }
    }

    private static JailshException cannot(JailRef jail, String what, ExecResult result) {
        String why = result.stderr().strip().replaceFirst("^.*: ", "");
        return new JailshException(jail.name() + ": cannot apply memoryuse/maxproc: " + what
                + (why.isEmpty() ? "" : " (" + why + ")"),
                "limits need a cgroup jailsh may write (as root, or a delegated one); or set memoryuse=off "
                        + "maxproc=off");
    }

    private static List<Path> recorded(Path jailDir) {
        try {
            return Files.readAllLines(jailDir.resolve(RECORD)).stream().map(String::strip)
                    .filter(s -> s.startsWith("/")).map(Path::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> join(List<Path> dirs) {
        if (dirs.isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", JOIN, "jailsh-cgroup",
                Integer.toString(dirs.size())));
        dirs.forEach(d -> argv.add(d.resolve("cgroup.procs").toString()));
        return argv;
    }
}
