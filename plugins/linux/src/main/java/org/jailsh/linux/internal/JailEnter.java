package org.jailsh.linux.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The argv that runs a command inside a running jail: {@code nsenter} into the namespaces of the jail's init, with
 * its root and working directory, and a clean environment so that nothing of the caller's leaks in.
 */
public final class JailEnter {

    /** The PATH of processes in a jail and of jailsh's own helper scripts. */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Runs argv from a fixed script with all output appended to {@code $1} (the console log) and no stdin, so that a
     * daemon started by the command never holds jailsh's pipes open.
     */
    public static final String TO_LOG = "log=$1\nshift\nexec \"$@\" </dev/null >>\"$log\" 2>&1\n";

    private JailEnter() {
    }

    /**
     * @param rootless the jail lives in a user namespace of its own, which must be entered first
     * @param term     the caller's TERM, or null
     */
    public static List<String> argv(long pid, boolean rootless, Identity who, String term, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--target", Long.toString(pid)));
        if (rootless) {
            // The caller's uid is the jail's root already; nsenter's own switch to 0 would call setgroups(2), which
            // unshare --map-root-user has denied in the namespace.
            argv.addAll(List.of("--user", "--preserve-credentials"));
        }
        argv.addAll(List.of("--mount", "--uts", "--ipc", "--net", "--pid", "--root", "--wd"));
        if (!who.root()) {
            argv.addAll(List.of("--setuid", Integer.toString(who.uid()), "--setgid", Integer.toString(who.gid())));
        }
        argv.addAll(List.of("--", "/usr/bin/env", "-i"));
        argv.addAll(environment(who, term));
        argv.addAll(command);
        return argv;
    }

    /** The whole environment of a command run in a jail, as NAME=VALUE words. */
    public static List<String> environment(Identity who, String term) {
        List<String> env = new ArrayList<>(List.of("PATH=" + PATH, "HOME=" + who.home(), "USER=" + who.name(),
                "LOGNAME=" + who.name()));
        if (term != null && !term.isBlank()) {
            env.add("TERM=" + term);
        }
        return env;
    }

    /** {@link #argv} run through {@link #TO_LOG}. */
    public static List<String> logged(String log, List<String> enter) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", TO_LOG, "jailsh-exec", log));
        argv.addAll(enter);
        return argv;
    }
}
