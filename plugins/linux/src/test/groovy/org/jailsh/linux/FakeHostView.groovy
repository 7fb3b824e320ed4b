package org.jailsh.linux

import java.nio.file.Path

import org.jailsh.linux.internal.HostView

/** A host as a spec describes it: which processes live (pid -> start time), what is mounted, files in jails. */
class FakeHostView implements HostView {

    Map<Long, Long> processes = [:]
    List<Path> mounts = []
    Map<String, String> jailFiles = [:]
    /** Decides, per call, whether a process has died meanwhile (e.g. once a spec's kill was issued). */
    Closure<Boolean> died = { long pid -> false }

    @Override
    OptionalLong startTime(long pid) {
        processes.containsKey(pid) && !died(pid) ? OptionalLong.of(processes[pid]) : OptionalLong.empty()
    }

    @Override
    List<Path> mountPoints() {
        mounts
    }

    @Override
    Optional<String> readInJail(long pid, String path) {
        Optional.ofNullable(jailFiles[path])
    }
}
