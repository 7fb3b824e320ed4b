package org.jailsh.registry;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Provider;

/** A provider the registry found, the plugin it came from, and whether it can work on this host. */
public record ProviderEntry(Provider provider, String plugin, Availability availability) {

    public String id() {
        return provider.id();
    }
}
