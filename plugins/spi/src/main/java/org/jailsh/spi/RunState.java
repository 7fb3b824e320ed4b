package org.jailsh.spi;

/** Whether a jail is running and its JID (a number on FreeBSD, the init's PID on Linux), null when down. */
public record RunState(boolean up, String jid) {

    public static final RunState DOWN = new RunState(false, null);

    public String label() {
        return up ? "up" : "down";
    }
}
