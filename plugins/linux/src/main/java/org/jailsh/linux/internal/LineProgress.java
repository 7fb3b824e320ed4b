package org.jailsh.linux.internal;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jailsh.spi.Reporter;

/**
 * Progress from a command's output: each line that marks a unit of work (a member tar extracted, a package apt
 * unpacked) counts one. {@link #done()} closes the task, also when the total was never known.
 */
public final class LineProgress implements Consumer<String> {

    private final Reporter reporter;
    private final String task;
    private final Predicate<String> counts;
    private long total;
    private long done;

    public LineProgress(Reporter reporter, String task, long total, Predicate<String> counts) {
        this.reporter = reporter;
        this.task = task;
        this.total = total;
        this.counts = counts;
        reporter.progress(task, 0, total);
    }

    /** The total once the output has said it (apt's "N upgraded, M newly installed"). */
    public void total(long value) {
        total = value;
        reporter.progress(task, done, total);
    }

    @Override
    public void accept(String line) {
        if (counts.test(line)) {
            done++;
            reporter.progress(task, total >= 0 ? Math.min(done, total) : done, total);
        }
    }

    public void done() {
        long end = total >= 0 ? total : done;
        reporter.progress(task, end, end);
    }
}
