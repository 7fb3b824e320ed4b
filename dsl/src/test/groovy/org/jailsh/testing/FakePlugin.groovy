package org.jailsh.testing

import org.jailsh.spi.JailshPlugin
import org.jailsh.spi.NetworkProvider
import org.jailsh.spi.ReleaseProvider
import org.jailsh.spi.RuntimeProvider
import org.jailsh.spi.StorageProvider
import org.jailsh.spi.UpdateProvider

/** A plugin that offers whatever providers a spec hands it. */
class FakePlugin implements JailshPlugin {

    final String pluginName
    List<StorageProvider> storage = []
    List<RuntimeProvider> runtime = []
    List<NetworkProvider> network = []
    List<ReleaseProvider> release = []
    List<UpdateProvider> update = []

    FakePlugin(String name = 'fake-plugin') {
        pluginName = name
    }

    @Override
    String name() { pluginName }

    @Override
    List<StorageProvider> storageProviders() { storage }

    @Override
    List<RuntimeProvider> runtimeProviders() { runtime }

    @Override
    List<NetworkProvider> networkProviders() { network }

    @Override
    List<ReleaseProvider> releaseProviders() { release }

    @Override
    List<UpdateProvider> updateProviders() { update }
}
