package org.jailsh.linux.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What providers read about running processes and mounts on this host. Reading is not acting, so it bypasses
 * {@code HostExec}; it is an interface so that specs can describe a host that has jails running.
 */
public interface HostView {

    /** Start time (clock ticks after boot, /proc/PID/stat field 22) of a live process; empty when gone or a zombie. */
    OptionalLong startTime(long pid);

    /** Mount points of this process's mount namespace, as /proc/self/mountinfo lists them. */
    List<Path> mountPoints();

    /**
     * A text file as the jail running under {@code pid} sees it (through /proc/PID/root); empty when it is missing or
     * any component of its path is a symlink, which the jail could point at a host file.
     */
    Optional<String> readInJail(long pid, String path);

    /** This host, through /proc. */
    static HostView proc() {
        return ProcHostView.INSTANCE;
    }
}
