package org.jailsh.freebsd;

import java.util.List;

import org.jailsh.spi.JailshPlugin;
import org.jailsh.spi.NetworkProvider;
import org.jailsh.spi.ReleaseProvider;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.UpdateProvider;

/** The FreeBSD profile: jail(8) runtime, VNET network, FreeBSD releases and freebsd-update. */
public final class FreeBsdPlugin implements JailshPlugin {

    @Override
    public String name() {
        return "freebsd";
    }

    @Override
    public List<RuntimeProvider> runtimeProviders() {
        return List.of(new Jail8RuntimeProvider());
    }

    @Override
    public List<NetworkProvider> networkProviders() {
        return List.of(new VnetNetworkProvider());
    }

    @Override
    public List<ReleaseProvider> releaseProviders() {
        return List.of(new FreeBsdReleaseProvider());
    }

    @Override
    public List<UpdateProvider> updateProviders() {
        return List.of(new FreeBsdUpdateProvider());
    }
}
