package org.jailsh.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which process is a jail's init: its PID as the host sees it and its start time, so that a PID the kernel has
 * reused for another process is not mistaken for the jail. Kept in {@code JAILDIR/.jailsh-run}.
 */
public record RunRecord(long pid, long startTime) {

    public static final String FILE = ".jailsh-run";

    public static Path file(Path jailDir) {
        return jailDir.resolve(FILE);
    }

    /** The record, or empty when the jail was never started or the file is unreadable. */
    public static Optional<RunRecord> read(Path jailDir) {
        if (!Files.exists(file(jailDir))) {
            return Optional.empty(); // the usual case for a stopped jail: no exception built for it (list asks each jail)
        }
        try {
            String[] words = Files.readString(file(jailDir)).trim().split("\\s+");
            return Optional.of(new RunRecord(Long.parseLong(words[0]), Long.parseLong(words[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The record of a jail whose init is still the process that was started. */
    public static Optional<RunRecord> running(Path jailDir, HostView host) {
        return read(jailDir).filter(run -> run.alive(host));
    }

    public boolean alive(HostView host) {
        return host.startTime(pid).orElse(-1) == startTime;
    }

    public String format() {
        return pid + " " + startTime + "\n";
    }
}
