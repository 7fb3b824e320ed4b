package org.jailsh.linux;

import java.util.List;

import org.jailsh.linux.net.NetnsNetworkProvider;
import org.jailsh.spi.JailshPlugin;
import org.jailsh.spi.NetworkProvider;
import org.jailsh.spi.ReleaseProvider;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.UpdateProvider;

/**
 * The linux profile's providers: {@code dir} storage, {@code linux-ns} runtime, {@code netns} network,
 * {@code busybox}, {@code debian} and {@code archive} releases and {@code apt} updates.
 */
public final class LinuxPlugin implements JailshPlugin {

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public List<StorageProvider> storageProviders() {
        return List.of(new DirStorageProvider());
    }

    @Override
    public List<RuntimeProvider> runtimeProviders() {
        return List.of(new NamespaceRuntimeProvider());
    }

    @Override
    public List<NetworkProvider> networkProviders() {
        return List.of(new NetnsNetworkProvider());
    }

    @Override
    public List<ReleaseProvider> releaseProviders() {
        return List.of(new BusyboxReleaseProvider(), new DebianReleaseProvider(), new ArchiveReleaseProvider());
    }

    @Override
    public List<UpdateProvider> updateProviders() {
        return List.of(new AptUpdateProvider());
    }
}
