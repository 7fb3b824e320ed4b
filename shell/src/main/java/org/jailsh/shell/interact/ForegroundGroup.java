package org.jailsh.shell.interact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.jline.nativ.CLibrary;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Gives the terminal's foreground back to the REPL's process group after a console. A job-control shell makes its
 * own group the terminal's foreground and, on exit, hands it back to the group it started in; inside a Linux PID
 * namespace it cannot see that group (getpgrp() is 0 there), so the terminal is left to a group that no longer
 * exists and the REPL's next read fails with EIO. Linux only: jexec on FreeBSD has no such namespace.
 */
final class ForegroundGroup {

    private static final long TIOCGPGRP = 0x540F;
    private static final long TIOCSPGRP = 0x5410;

    private ForegroundGroup() {
    }

    static void reclaim() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        try {
            if (CLibrary.isatty(0) == 0) {
                return;
            }
            int own = ownGroup();
            int[] current = new int[1];
            if (CLibrary.ioctl(0, TIOCGPGRP, current) != 0 || current[0] == own) {
                return;
            }
            // setting the foreground from a background group raises SIGTTOU, which would stop the JVM
            Signal ttou = new Signal("TTOU");
            SignalHandler previous = Signal.handle(ttou, SignalHandler.SIG_IGN);
            try {
                CLibrary.ioctl(0, TIOCSPGRP, new int[] {own});
            } finally {
                Signal.handle(ttou, previous);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // without JLine's native library the terminal stays as the child left it; the REPL reports the read error
        }
    }

    /** Field 5 of /proc/self/stat; the command name before it may contain blanks, so count after its ')'. */
    private static int ownGroup() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[2]);
    }
}
