package org.jailsh.dsl;

import java.util.List;
import java.util.Map;

import org.jailsh.spi.ExecResult;

/** A jail as a value in scripts and the REPL: {@code web.exec 'hostname'}, {@code start web}, {@code web.state}. */
public final class JailHandle {

    private final DslVerbs verbs;
    private final String name;

    JailHandle(DslVerbs verbs, String name) {
        this.verbs = verbs;
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getState() {
        return String.valueOf(verbs.get("state", this));
    }

    public void start() {
        verbs.start(this);
    }

    public void stop() {
        verbs.stop(this);
    }

    public void restart() {
        verbs.restart(this);
    }

    /** Runs a command line through the jail's own {@code /bin/sh}; prints its output, returns it. */
    public ExecResult exec(String commandLine) {
        return verbs.exec(this, "/bin/sh", "-c", commandLine);
    }

    public ExecResult exec(List<String> argv) {
        return verbs.exec(this, argv.toArray(String[]::new));
    }

    public Object get(String property) {
        return verbs.get(property, this);
    }

    public void set(Map<String, ?> values) {
        verbs.set(values, this);
    }

    public List<String> getSnapshots() {
        return verbs.snapshots(this);
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JailHandle h && h.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
