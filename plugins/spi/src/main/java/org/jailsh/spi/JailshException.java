package org.jailsh.spi;

/**
 * An error the user can act on: it says what went wrong and, in {@link #hint()}, how to fix it. The shell prints
 * it as one line (no stack trace unless {@code --debug}) and exits with {@link #exitCode()}.
 */
public class JailshException extends RuntimeException {

    private final String hint;

    public JailshException(String message) {
        this(message, null, null);
    }

    public JailshException(String message, String hint) {
        this(message, hint, null);
    }

    public JailshException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** How to fix it, or null. */
    public String hint() {
        return hint;
    }

    public int exitCode() {
        return 1;
    }

    /** The message and, when there is one, the hint after a semicolon: the one line a user sees. */
    public String userMessage() {
        return hint == null || hint.isBlank() ? getMessage() : getMessage() + "; " + hint;
    }
}
