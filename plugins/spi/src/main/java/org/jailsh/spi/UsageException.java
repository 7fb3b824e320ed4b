package org.jailsh.spi;

/** The command line or DSL call itself was wrong: unknown option, missing argument, malformed value. Exit code 2. */
public class UsageException extends JailshException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, String hint) {
        super(message, hint);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
