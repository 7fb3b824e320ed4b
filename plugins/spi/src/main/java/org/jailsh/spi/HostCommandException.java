package org.jailsh.spi;

/** A host command exited non-zero where success was required. Carries the argv and what it printed. */
public class HostCommandException extends JailshException {

    private final ExecResult result;

    public HostCommandException(ExecResult result) {
        super("command failed (exit " + result.exitCode() + "): " + result.command().display()
                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
        this.result = result;
    }

    public ExecResult result() {
        return result;
    }
}
