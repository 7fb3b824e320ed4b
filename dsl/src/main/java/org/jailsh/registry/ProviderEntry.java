package org.jailsh.registry;

import java.util.function.Function;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Provider;

/**
 * A provider the registry found, the plugin it came from, and whether it can work on this host. The probe runs the
 * first time someone asks, once: a one-shot {@code list} asks only the runtime and network providers, and probing
 * every storage, release and update provider was a fifth of its start-up.
 */
public final class ProviderEntry {

    private final Provider provider;
    private final String plugin;
    private final Function<Provider, Availability> probe;
    private Availability availability;

    ProviderEntry(Provider provider, String plugin, Function<Provider, Availability> probe) {
        this.provider = provider;
        this.plugin = plugin;
        this.probe = probe;
    }

    public Provider provider() {
        return provider;
    }

    public String plugin() {
        return plugin;
    }

    public synchronized Availability availability() {
        if (availability == null) {
            availability = probe.apply(provider);
        }
        return availability;
    }

    public String id() {
        return provider.id();
    }
}
