package org.jailsh.shell;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long provider task (a download) as one line on a terminal: redrawn in place at most every 100 ms,
 * and ended with a newline once the task is complete. Nothing is drawn when the shell is not on a terminal.
 */
final class ProgressLine {

    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier clock;
    private long drawn;
    private boolean showing;

    ProgressLine(PrintStream err, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    synchronized void update(String task, long done, long total) {
        if (!terminal) {
            return;
        }
        boolean complete = total >= 0 && done >= total;
        long now = clock.getAsLong();
        if (!complete && showing && now - drawn < REDRAW_NANOS) {
            return;
        }
        drawn = now;
        showing = !complete;
        err.print("\r" + render(task, done, total) + "\u001b[K" + (complete ? "\n" : ""));
        err.flush();
    }

    /** e.g. {@code download alpine [############            ]  50%  1.5 of 3.0 MB}. */
    static String render(String task, long done, long total) {
        if (total <= 0) {
            return task + "  " + megabytes(done) + " MB";
        }
        long filled = Math.min(BAR, done * BAR / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %s of %s MB", task, "#".repeat((int) filled),
                " ".repeat(BAR - (int) filled), Math.min(100, done * 100 / total), megabytes(done), megabytes(total));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
