package org.jailsh.spi;

/** A value, name or combination of properties that jailsh refuses before changing anything. */
public class ValidationException extends JailshException {

    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, String hint) {
        super(message, hint);
    }
}
