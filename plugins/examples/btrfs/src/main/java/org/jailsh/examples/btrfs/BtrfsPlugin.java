package org.jailsh.examples.btrfs;

import java.util.List;

import org.jailsh.spi.JailshPlugin;
import org.jailsh.spi.StorageProvider;

/** The plugin's entry point, listed in {@code META-INF/services/org.jailsh.spi.JailshPlugin}: one storage provider. */
public final class BtrfsPlugin implements JailshPlugin {

    @Override
    public String name() {
        return "btrfs";
    }

    @Override
    public List<StorageProvider> storageProviders() {
        return List.of(new BtrfsStorageProvider());
    }
}
