package org.jailsh.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.jailsh.linux.internal.HostTools;
import org.jailsh.linux.internal.HostView;
import org.jailsh.linux.internal.Identity;
import org.jailsh.linux.internal.JailEnter;
import org.jailsh.linux.internal.RunRecord;
import org.jailsh.linux.internal.UserNamespaces;
import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RunState;
import org.jailsh.spi.RuntimeProvider;

/**
 * Jails as Linux namespaces (mount, pid, uts, ipc, net; a user namespace when not root): {@code unshare} runs
 * {@link StartScripts#NAMESPACE}, which assembles the root and becomes the jail's init, detached from jailsh. The
 * init's PID is the JID. Mounts exist only in the jail's mount namespace, so they go away with its last process.
 */
public final class NamespaceRuntimeProvider implements RuntimeProvider {

    private final HostView host;
    private final JailStopper stopper;
    private final JailStopper.Pause pause;
    private final Cgroups cgroups;
    private final List<Path> busybox;
    private final NsHelper helper;

    public NamespaceRuntimeProvider() {
        this(HostView.proc(), JailStopper.SLEEP, Cgroups.host(), StartScripts.BUSYBOX, NsHelper.host());
    }

    NamespaceRuntimeProvider(HostView host, JailStopper.Pause pause) {
        this(host, pause, Cgroups.host(), List.of(), NsHelper.none());
    }

    NamespaceRuntimeProvider(HostView host, JailStopper.Pause pause, Cgroups cgroups, List<Path> busybox) {
        this(host, pause, cgroups, busybox, NsHelper.none());
    }

    /**
     * @param busybox where to look for a static busybox to run the namespace script with (none: /bin/sh)
     * @param helper  the one-process start, used instead of the scripts when there is one
     */
    NamespaceRuntimeProvider(HostView host, JailStopper.Pause pause, Cgroups cgroups, List<Path> busybox,
                             NsHelper helper) {
        this.host = host;
        this.stopper = new JailStopper(host, pause);
        this.pause = pause;
        this.cgroups = cgroups;
        this.busybox = List.copyOf(busybox);
        this.helper = helper;
    }

    @Override
    public String id() {
        return "linux-ns";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("persist", "exec", "console", "mounts", "rootless");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (facts.platform() != Platform.LINUX) {
            return Availability.unavailable("needs Linux namespaces");
        }
        List<String> missing = HostTools.missing(facts, "unshare", "nsenter", "setsid", "chroot", "mount", "mkfifo",
                "kill");
        if (!missing.isEmpty()) {
            return Availability.unavailable("not found on this host: " + String.join(", ", missing)
                    + " (util-linux, coreutils)");
        }
        if (!facts.root()) {
            Optional<String> why = UserNamespaces.host().whyNot();
            if (why.isPresent()) {
                return Availability.unavailable("needs root or unprivileged user namespaces (" + why.get() + ")");
            }
        }
        return Availability.ok();
    }

    @Override
    public RunState state(JailRef jail, ProviderContext ctx) {
        return RunRecord.running(jail.dir(), host)
                .map(run -> new RunState(true, Long.toString(run.pid()))).orElse(RunState.DOWN);
    }

    @Override
    public RunState start(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        RunState state = create(jail, mounts, ctx);
        boot(jail, state, ctx);
        return state;
    }

    /** Assembles the jail and starts its init; the jail's own start waits for {@link #boot}. */
    @Override
    public RunState create(JailRef jail, List<MountEntry> mounts, ProviderContext ctx) {
        RunState now = state(jail, ctx);
        if (now.up()) {
            return now;
        }
        MountPlan plan = MountPlan.of(jail, mounts, ctx.facts().env());
        HostExec exec = ctx.exec();
        HostHooks.run(jail, "exec_prestart", ctx, true);
        for (Path source : plan.missingSources()) {
            exec.check("mkdir", "-p", "--", source.toString());
        }
        Path log = consoleLog(jail);
        if (!Files.isDirectory(log.getParent())) {
            exec.check("mkdir", "-p", "--", log.getParent().toString());
        }
        if (Files.exists(RunRecord.file(jail.dir()))) {
            exec.remove(RunRecord.file(jail.dir())).check();
        }
        Cgroups.tearDown(jail, ctx, pause);
        List<String> join = cgroups.setUp(jail, Cgroups.limits(jail, ctx), ctx);
        boolean root = ctx.facts().root();
        Command scripts = StartScripts.command(jail, plan, log, root, join, StartScripts.namespaceShell(busybox));
        Optional<Path> fast = helper.find(ctx);
        ExecResult launched;
        try {
            launched = exec.run(fast.map(path -> StartScripts.helperCommand(jail, plan, log, root, join, path))
                    .orElse(scripts));
        } catch (JailshException e) {
            // nothing ran: the helper itself could not be started
            if (fast.isEmpty()) {
                throw e;
            }
            helper.unusable(ctx, e);
            launched = exec.run(scripts);
        }
        if (exec.dryRun()) {
            return new RunState(true, null);
        }
        long pid;
        OptionalLong startTime;
        try {
            pid = launchedPid(jail, launched, log);
            startTime = host.startTime(pid);
            if (startTime.isEmpty()) {
                throw new JailshException(jail.name() + ": the jail's init exited right after start", "see " + log);
            }
        } catch (JailshException e) {
            Cgroups.tearDown(jail, ctx, pause);
            throw e;
        }
        exec.writeTransient(RunRecord.file(jail.dir()), new RunRecord(pid, startTime.getAsLong()).format());
        return new RunState(true, Long.toString(pid));
    }

    /** The jail's own start ({@code exec_start}, e.g. its rc), then the host's {@code exec_poststart}. */
    @Override
    public void boot(JailRef jail, RunState state, ProviderContext ctx) {
        List<String> execStart = words(jail.property("exec_start"));
        if (state.jid() != null && !execStart.isEmpty()) {
            long pid = Long.parseLong(state.jid());
            if (!skipDefault(pid, execStart, "/etc/rc")) {
                ExecResult result = ctx.exec().run(loggedAsRoot(jail, pid, ctx, execStart));
                if (!result.ok()) {
                    stop(jail, ctx);
                    throw new JailshException(jail.name() + ": exec_start (" + String.join(" ", execStart)
                            + ") failed with exit code " + result.exitCode() + "; the jail was stopped",
                            "see " + consoleLog(jail));
                }
            }
        }
        HostHooks.run(jail, "exec_poststart", ctx, false);
    }

    private static long launchedPid(JailRef jail, ExecResult launched, Path log) {
        String line = launched.stdout().strip();
        if (launched.ok() && line.matches("ok \\d+")) {
            return Long.parseLong(line.substring(3));
        }
        String why = line.startsWith("error ") ? line.substring(6)
                : "it ended before it was ready" + (launched.stderr().isBlank() ? lastLines(log)
                        : ": " + launched.stderr().strip());
        throw new JailshException(jail.name() + ": cannot start: " + why, "see " + log);
    }

    @Override
    public void stop(JailRef jail, ProviderContext ctx) {
        Optional<RunRecord> run = RunRecord.running(jail.dir(), host);
        HostExec exec = ctx.exec();
        if (run.isEmpty()) {
            exec.remove(RunRecord.file(jail.dir())).check();
            Cgroups.tearDown(jail, ctx, pause);
            return;
        }
        long pid = run.get().pid();
        HostHooks.run(jail, "exec_prestop", ctx, false);
        List<String> execStop = words(jail.property("exec_stop"));
        if (!execStop.isEmpty() && !skipDefault(pid, execStop, "/etc/rc.shutdown")) {
            exec.run(loggedAsRoot(jail, pid, ctx, execStop));
        }
        stopper.stop(jail, run.get(), JailStopper.timeout(jail), ctx);
        exec.remove(RunRecord.file(jail.dir())).check();
        Cgroups.tearDown(jail, ctx, pause);
        HostHooks.run(jail, "exec_poststop", ctx, false);
    }

    @Override
    public ExecResult exec(JailRef jail, List<String> argv, String user, boolean interactive, ProviderContext ctx) {
        RunRecord run = RunRecord.running(jail.dir(), host).orElseThrow(() -> new JailshException(
                jail.name() + " is not running", "start it first: start " + jail.name()));
        Identity who = identity(jail, run.pid(), user);
        if (!who.root() && !ctx.facts().root()) {
            throw new JailshException(jail.name() + ": cannot run as " + user + " in a rootless jail",
                    "its user namespace maps only your own user, as the jail's root; run as root inside the jail");
        }
        Command command = Command.of(enter(jail, run.pid(), who, ctx, argv));
        return ctx.exec().run(interactive ? command.interactively() : command);
    }

    private Identity identity(JailRef jail, long pid, String user) {
        if (user == null || user.isBlank() || user.equals("root")) {
            return Identity.ROOT;
        }
        return host.readInJail(pid, "/etc/passwd").flatMap(passwd -> Identity.find(passwd, user))
                .orElseThrow(() -> new NotFoundException(jail.name() + ": no user " + user + " in the jail",
                        "create it inside the jail first, or run as root"));
    }

    /** nsenter into the jail, run in the jail's cgroups so that its limits hold for everything started in it. */
    private static List<String> enter(JailRef jail, long pid, Identity who, ProviderContext ctx, List<String> argv) {
        return Cgroups.inside(jail.dir(), JailEnter.argv(pid, !ctx.facts().root(), who, ctx.facts().env().get("TERM"),
                argv));
    }

    /** exec_start and exec_stop: as the jail's root, output to the console log; by jailsh-ns when there is one. */
    private Command loggedAsRoot(JailRef jail, long pid, ProviderContext ctx, List<String> argv) {
        Path log = consoleLog(jail);
        return Command.of(helper.find(ctx)
                .map(path -> Cgroups.inside(jail.dir(), StartScripts.helperEnter(path, pid, !ctx.facts().root(), log,
                        JailEnter.environment(Identity.ROOT, ctx.facts().env().get("TERM")), argv)))
                .orElseGet(() -> JailEnter.logged(log.toString(), enter(jail, pid, Identity.ROOT, ctx, argv))));
    }

    /** iocage's defaults name rc scripts that a jail made from an arbitrary root file system may not have. */
    private boolean skipDefault(long pid, List<String> command, String script) {
        return command.equals(List.of("/bin/sh", script)) && host.readInJail(pid, script).isEmpty();
    }

    static Path consoleLog(JailRef jail) {
        return jail.dir().toAbsolutePath().getParent().getParent().resolve("log")
                .resolve(jail.name() + "-console.log");
    }

    static List<String> words(String property) {
        String text = property == null ? "" : property.trim();
        if (text.isEmpty() || text.equals("none")) {
            return List.of();
        }
        return Arrays.asList(text.split("\\s+"));
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
            return tail.isEmpty() ? "" : ": " + String.join(" / ", tail);
        } catch (IOException e) {
            return "";
        }
    }
}
