package org.jailsh.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jailsh.linux.internal.DirLayout;
import org.jailsh.linux.internal.HostTools;
import org.jailsh.linux.internal.HostView;
import org.jailsh.linux.internal.Identity;
import org.jailsh.linux.internal.JailEnter;
import org.jailsh.linux.internal.LineProgress;
import org.jailsh.linux.internal.RunRecord;
import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.UpdateProvider;
import org.jailsh.spi.ValidationException;

/**
 * Updates Debian-family jails with the jail's own apt, inside the running jail. Snapshots before and rollback after a
 * failure are the caller's part. The jail needs a network to reach its mirror.
 */
public final class AptUpdateProvider implements UpdateProvider {

    private static final Pattern UPGRADED = Pattern.compile("(\\d+) upgraded, (\\d+) newly installed");
    private static final Map<String, String> DEBIAN = Map.of("debian-11", "bullseye", "debian-12", "bookworm",
            "debian-13", "trixie", "debian-14", "forky");
    private static final List<String> NONINTERACTIVE = List.of("DEBIAN_FRONTEND=noninteractive", "apt-get", "-y",
            "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold");

    /** Switches the apt sources from suite $1 to suite $2; both are checked to be plain words first. */
    static final String SWITCH_SUITE = """
            for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
                if [ -f "$f" ]; then sed -i "s/\\\\b$1\\\\b/$2/g" "$f" || exit 1; fi
            done
            """;

    private final HostView host;

    public AptUpdateProvider() {
        this(HostView.proc());
    }

    AptUpdateProvider(HostView host) {
        this.host = host;
    }

    @Override
    public String id() {
        return "apt";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("update", "upgrade");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (facts.platform() != Platform.LINUX) {
            return Availability.unavailable("needs Linux");
        }
        return HostTools.missing(facts, "nsenter").isEmpty() ? Availability.ok()
                : Availability.unavailable("nsenter not found (util-linux)");
    }

    @Override
    public boolean handles(JailRef jail) {
        return new DirLayout(jail.dir()).find("/usr/bin/apt-get").isPresent();
    }

    @Override
    public String update(JailRef jail, ProviderContext ctx) {
        long pid = running(jail);
        inJail(jail, pid, ctx, List.of("apt-get", "update"));
        List<String> upgrade = new ArrayList<>(NONINTERACTIVE);
        upgrade.add("upgrade");
        return report(inJail(jail, pid, ctx, upgrade, "update " + jail.name()));
    }

    @Override
    public String upgrade(JailRef jail, String newRelease, ProviderContext ctx) {
        long pid = running(jail);
        String target = DEBIAN.getOrDefault(newRelease, newRelease);
        String current = host.readInJail(pid, "/etc/os-release").flatMap(text -> text.lines()
                .filter(l -> l.startsWith("VERSION_CODENAME=")).findFirst())
                .map(l -> l.substring("VERSION_CODENAME=".length()).replace("\"", "").trim()).orElse("");
        if (!target.matches("[a-z]+") || !current.matches("[a-z]+")) {
            throw new ValidationException(jail.name() + ": cannot upgrade from '" + current + "' to '" + newRelease
                    + "'", "give a Debian suite such as trixie or debian-13; the jail needs VERSION_CODENAME in "
                    + "/etc/os-release");
        }
        if (target.equals(current)) {
            return "already on " + current;
        }
        inJail(jail, pid, ctx, List.of("/bin/sh", "-c", SWITCH_SUITE, "jailsh-suite", current, target));
        inJail(jail, pid, ctx, List.of("apt-get", "update"));
        List<String> upgrade = new ArrayList<>(NONINTERACTIVE);
        upgrade.add("dist-upgrade");
        return current + " -> " + target + ": " + report(inJail(jail, pid, ctx, upgrade, "upgrade " + jail.name()));
    }

    private long running(JailRef jail) {
        return RunRecord.running(jail.dir(), host).map(RunRecord::pid).orElseThrow(() -> new JailshException(
                jail.name() + " is not running; apt runs inside the jail", "start it first: start " + jail.name()));
    }

    private static ExecResult inJail(JailRef jail, long pid, ProviderContext ctx, List<String> argv) {
        return inJail(jail, pid, ctx, argv, null);
    }

    /**
     * With a {@code task}, apt's output is followed as it comes: the summary line gives the total (each package is
     * unpacked, then set up) and every "Unpacking" and "Setting up" line is a step of the bar.
     */
    private static ExecResult inJail(JailRef jail, long pid, ProviderContext ctx, List<String> argv, String task) {
        Command command = Command.of(Cgroups.inside(jail.dir(), JailEnter.argv(pid, !ctx.facts().root(),
                Identity.ROOT, null, argv)));
        ExecResult result;
        if (task == null) {
            result = ctx.exec().run(command);
        } else {
            LineProgress progress = new LineProgress(ctx.reporter(), task, -1,
                    line -> line.startsWith("Unpacking ") || line.startsWith("Setting up "));
            result = ctx.exec().run(command, line -> {
                Matcher summary = UPGRADED.matcher(line);
                if (summary.find()) {
                    progress.total(2L * (Long.parseLong(summary.group(1)) + Long.parseLong(summary.group(2))));
                }
                progress.accept(line);
            });
            progress.done();
        }
        if (!result.ok()) {
            String tail = result.stderr().isBlank() ? result.stdout() : result.stderr();
            throw new JailshException(jail.name() + ": " + String.join(" ", argv.subList(0, Math.min(3,
                    argv.size()))) + " failed (exit " + result.exitCode() + "): " + lastLine(tail),
                    "the jail needs a network that reaches its apt mirror");
        }
        return result;
    }

    static String report(ExecResult upgrade) {
        Matcher m = UPGRADED.matcher(upgrade.stdout());
        if (!m.find()) {
            return "upgraded";
        }
        int changed = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
        return changed == 0 ? "nothing to update" : m.group(1) + " packages upgraded"
                + (m.group(2).equals("0") ? "" : ", " + m.group(2) + " newly installed");
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
