package org.jailsh.spi;

/** What a provider does. Each verb resolves to the provider of one kind chosen for the host profile. */
public enum ProviderKind {
    STORAGE, RUNTIME, NETWORK, RELEASE, UPDATE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
