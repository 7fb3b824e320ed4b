package org.jailsh.shell;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Providers' progress (downloads, extraction, updates) as bars drawn in place on the error stream, one task at a
 * time: a new task ends the previous bar. Nothing at all when the shell is not on a terminal, so logs and pipes get no
 * carriage returns or escape codes; and never on standard output, which stays clean for {@code --json}.
 */
final class ProgressBars {

    private static final long MEGABYTE = 1L << 20;

    private final PrintStream err;
    private final boolean terminal;
    private final int width;
    private ProgressBar bar;
    private EndedLine line;
    private String task;

    ProgressBars(PrintStream err, boolean terminal, int width) {
        this.err = err;
        this.terminal = terminal;
        this.width = width;
    }

    /** {@code total} is -1 when unknown; a task whose done reaches its total is finished and its bar ended. */
    synchronized void update(String name, long done, long total) {
        if (!terminal) {
            return;
        }
        if (bar == null || !name.equals(task)) {
            finish();
            bar = open(name, total);
            task = name;
        }
        if (total >= 0 && bar.getMax() != total) {
            bar.maxHint(total);
        }
        bar.stepTo(done);
        if (total >= 0 && done >= total) {
            finish();
        }
    }

    synchronized void finish() {
        if (bar != null) {
            bar.close();
            // the library skips its final newline when a bar is closed before its first scheduled redraw
            line.close();
            bar = null;
            line = null;
            task = null;
        }
    }

    /** Downloads count bytes and show megabytes and speed; the other tasks count files or packages. */
    private ProgressBar open(String name, long total) {
        boolean bytes = name.startsWith("download ");
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK).setUpdateIntervalMillis(100)
                // a width of our own: left to itself the library would open a second JLine terminal to measure one
                .setConsumer(line = new EndedLine(new ConsoleProgressBarConsumer(err, width)));
        if (bytes) {
            boolean small = total >= 0 && total < MEGABYTE;
            builder.setUnit(small ? " kB" : " MB", small ? 1024 : MEGABYTE).showSpeed().setSpeedUnit(ChronoUnit.SECONDS);
        }
        return builder.build();
    }

    /** The console consumer, ended exactly once whoever ends it first: the library, or {@link #finish()}. */
    private static final class EndedLine implements ProgressBarConsumer {
        private final ConsoleProgressBarConsumer console;
        private boolean ended;

        EndedLine(ConsoleProgressBarConsumer console) {
            this.console = console;
        }

        @Override
        public int getMaxRenderedLength() {
            return console.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!ended) {
                console.accept(rendered);
            }
        }

        @Override
        public synchronized void close() {
            if (!ended) {
                ended = true;
                console.close();
            }
        }
    }
}
