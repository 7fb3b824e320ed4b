package org.jailsh.spi;

/** A jail, release, template, snapshot or recipe that does not exist. */
public class NotFoundException extends JailshException {

    public NotFoundException(String message, String hint) {
        super(message, hint);
    }
}
