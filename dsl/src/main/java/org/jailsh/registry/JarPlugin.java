package org.jailsh.registry;

import java.util.List;

import org.jailsh.spi.JailshPlugin;
import org.jailsh.spi.NetworkProvider;
import org.jailsh.spi.ReleaseProvider;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.UpdateProvider;

/** A plugin loaded from a plugin-directory jar: the same plugin, named with the jar it came from. */
record JarPlugin(JailshPlugin plugin, String jar) implements JailshPlugin {

    @Override
    public String name() {
        String name;
        try {
            name = plugin.name();
        } catch (RuntimeException | LinkageError e) {
            name = plugin.getClass().getName();
        }
        return name + " (" + jar + ")";
    }

    @Override
    public List<StorageProvider> storageProviders() {
        return plugin.storageProviders();
    }

    @Override
    public List<RuntimeProvider> runtimeProviders() {
        return plugin.runtimeProviders();
    }

    @Override
    public List<NetworkProvider> networkProviders() {
        return plugin.networkProviders();
    }

    @Override
    public List<ReleaseProvider> releaseProviders() {
        return plugin.releaseProviders();
    }

    @Override
    public List<UpdateProvider> updateProviders() {
        return plugin.updateProviders();
    }
}
