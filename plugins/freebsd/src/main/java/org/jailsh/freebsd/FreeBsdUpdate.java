package org.jailsh.freebsd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/**
 * freebsd-update run from the host against a jail's (or a release's) root, never waiting for input (iocage.md §4.8):
 * the host's own {@code freebsd-update} (not a copy from the jail), {@code PAGER=/bin/cat}, {@code UNAME_r},
 * {@code --not-running-from-cron}, and {@code --currently-running REL} as two arguments (§9).
 */
final class FreeBsdUpdate {

    static final String EOL = "HAS PASSED ITS END-OF-LIFE DATE";
    static final String NOTHING_TO_INSTALL = "No updates are available to install";

    private FreeBsdUpdate() {
    }

    static Command command(Path root, Path conf, String currentRelease, String... args) {
        List<String> argv = new ArrayList<>(List.of("freebsd-update", "-b", root.toString(),
                "-d", root.resolve("var/db/freebsd-update") + "/", "-f", conf.toString(),
                "--not-running-from-cron", "--currently-running", currentRelease));
        argv.addAll(List.of(args));
        return Command.of(argv).withEnv("UNAME_r", currentRelease).withEnv("PAGER", "/bin/cat")
                .withEnv("PATH", Jexec.PATH).withEnv("HOME", "/").withEnv("TERM", "dumb");
    }

    /** Runs it; an end-of-life warning and "nothing to install" count as success. Returns stdout. */
    static String run(Command command, ProviderContext ctx) {
        ExecResult result = ctx.exec().run(command);
        String out = result.stdout();
        if (result.ok() || out.contains(NOTHING_TO_INSTALL)) {
            return out;
        }
        if (out.contains(EOL)) {
            ctx.reporter().warn(command.argv().get(command.argv().size() - 1) + ": the release has passed its "
                    + "end-of-life date; updates may no longer be published");
            return out;
        }
        throw new JailshException("freebsd-update " + command.argv().get(command.argv().size() - 1) + " failed (exit "
                + result.exitCode() + "): " + lastLine(result.stderr().isBlank() ? out : result.stderr()),
                "see the log for its full output");
    }

    /** {@code USERLAND_VERSION} of {@code ROOT/bin/freebsd-version}, read as text (never executed); "" if unknown. */
    static String userland(Path root, ProviderContext ctx) {
        String line = ctx.exec().run(Command.of("grep", "-m", "1", "^USERLAND_VERSION=",
                root.resolve("bin/freebsd-version").toString())).stdout().strip();
        return line.replaceFirst("^USERLAND_VERSION=", "").replace("\"", "").strip();
    }

    /** Mounts devfs on ROOT/dev for the duration, as iocage does (§4.8 step 4). */
    static void withDevfs(Path root, ProviderContext ctx, Runnable work) {
        ctx.exec().check("mount", "-t", "devfs", "devfs", root.resolve("dev").toString());
        try {
            work.run();
        } finally {
            ctx.exec().run(Command.of("umount", root.resolve("dev").toString()));
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
