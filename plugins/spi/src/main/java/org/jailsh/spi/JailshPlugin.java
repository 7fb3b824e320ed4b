package org.jailsh.spi;

import java.util.List;

/**
 * The one entry point of a plugin jar, listed in {@code META-INF/services/org.jailsh.spi.JailshPlugin}.
 * Every method is default-empty, so a plugin overrides only the kinds it provides. Methods are called once,
 * after the plugin has been loaded; they should only construct providers, never probe the host.
 */
public interface JailshPlugin {

    /** A name for {@code providers} and error messages. */
    default String name() {
        return getClass().getName();
    }

    default List<StorageProvider> storageProviders() {
        return List.of();
    }

    default List<RuntimeProvider> runtimeProviders() {
        return List.of();
    }

    default List<NetworkProvider> networkProviders() {
        return List.of();
    }

    default List<ReleaseProvider> releaseProviders() {
        return List.of();
    }

    default List<UpdateProvider> updateProviders() {
        return List.of();
    }
}
