package org.jailsh.spi;

/** No provider of the needed kind can work on this host profile; the message names the kind and the profile. */
public class ProviderUnavailableException extends JailshException {

    public ProviderUnavailableException(String message, String hint) {
        super(message, hint);
    }
}
