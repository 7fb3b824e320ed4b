package org.jailsh.spi;

/** What a host command did. */
public record ExecResult(Command command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result, or a {@link HostCommandException} when the command failed. */
    public ExecResult check() {
        if (!ok()) {
            throw new HostCommandException(this);
        }
        return this;
    }
}
