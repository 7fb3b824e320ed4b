package org.jailsh.zfs;

import java.util.List;

import org.jailsh.spi.JailshPlugin;
import org.jailsh.spi.StorageProvider;

/** The {@code zfs} storage provider: iocage's dataset tree on a ZFS pool (FreeBSD, TrueNAS, Linux OpenZFS). */
public final class ZfsPlugin implements JailshPlugin {

    @Override
    public String name() {
        return "zfs";
    }

    @Override
    public List<StorageProvider> storageProviders() {
        return List.of(new ZfsStorageProvider());
    }
}
