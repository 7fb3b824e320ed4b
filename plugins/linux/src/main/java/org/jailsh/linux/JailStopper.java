package org.jailsh.linux;

import java.nio.file.Path;
import java.util.List;

import org.jailsh.linux.internal.HostView;
import org.jailsh.linux.internal.RunRecord;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/**
 * Ends a jail: SIGTERM to its init, which passes it on to every process of the jail and exits when they are gone;
 * SIGKILL after {@code stop_timeout}. When the init of a PID namespace dies the kernel kills the rest, and the
 * jail's mounts go with its mount namespace.
 */
final class JailStopper {

    /** Waiting between polls; specs replace it so they never sleep. */
    interface Pause {
        void pause(long millis);
    }

    static final Pause SLEEP = millis -> {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JailshException("interrupted while waiting for a jail to stop");
        }
    };

    private static final long POLL_MILLIS = 10;
    private static final long FINE_MILLIS = 100;
    private static final long KILL_WAIT_MILLIS = 5000;
    private static final long REPEAT_MILLIS = 250;

    private final HostView host;
    private final Pause pause;

    JailStopper(HostView host, Pause pause) {
        this.host = host;
        this.pause = pause;
    }

    void stop(JailRef jail, RunRecord run, int timeoutSeconds, ProviderContext ctx) {
        HostExec exec = ctx.exec();
        String pid = Long.toString(run.pid());
        exec.signal(run.pid(), "TERM");
        if (exec.dryRun()) {
            return;
        }
        // The init's shell checks for a caught signal just before it blocks in wait(): a SIGTERM landing in between is
        // only acted on when the next signal interrupts the wait. Stopping right after start hits that window about
        // once in a hundred (LinuxJailEndToEndSpec), so SIGTERM is repeated while the jail is still up.
        if (!gone(run, timeoutSeconds * 1000L, () -> exec.signal(run.pid(), "TERM"))) {
            ctx.reporter().warn(jail.name() + ": still running " + timeoutSeconds
                    + " s after SIGTERM (stop_timeout); sending SIGKILL");
            exec.signal(run.pid(), "KILL");
            if (!gone(run, KILL_WAIT_MILLIS, () -> { })) {
                throw new JailshException(jail.name() + ": its init (PID " + pid + ") survived SIGKILL",
                        "look at it with 'ps -o pid,stat,wchan -p " + pid + "'");
            }
        }
        Path root = jail.root().toAbsolutePath().normalize();
        List<Path> leaked = host.mountPoints().stream().filter(p -> p.startsWith(root)).toList();
        if (!leaked.isEmpty()) {
            ctx.reporter().warn(jail.name() + ": still mounted on the host after stop: " + leaked
                    + "; these were not made by linux-ns, unmount them with 'umount'");
        }
    }

    /** iocage's {@code stop_timeout} in seconds; 30 when it is not a number. */
    static int timeout(JailRef jail) {
        try {
            return Math.max(0, Integer.parseInt(jail.property("stop_timeout").trim()));
        } catch (NumberFormatException e) {
            return 30;
        }
    }

    /**
     * Polls until the init is gone: every millisecond for the first {@value #FINE_MILLIS} ms (a jail without services
     * ends within a few; a look at /proc costs microseconds), then every {@value #POLL_MILLIS} ms; {@code repeat}
     * runs every {@value #REPEAT_MILLIS} ms while it is not.
     */
    private boolean gone(RunRecord run, long millis, Runnable repeat) {
        for (long waited = 0, step = 1, repeated = 0; ; waited += step, step = waited < FINE_MILLIS ? 1 : POLL_MILLIS) {
            if (!run.alive(host)) {
                return true;
            }
            if (waited >= millis) {
                return false;
            }
            if (waited - repeated >= REPEAT_MILLIS) {
                repeated = waited;
                repeat.run();
            }
            pause.pause(step);
        }
    }
}
