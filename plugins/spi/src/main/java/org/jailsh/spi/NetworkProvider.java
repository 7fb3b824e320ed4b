package org.jailsh.spi;

/** Connects a started jail to the network per its properties, and removes every trace at stop. */
public interface NetworkProvider extends Provider {

    @Override
    default ProviderKind kind() {
        return ProviderKind.NETWORK;
    }

    void attach(JailRef jail, RunState state, ProviderContext ctx);

    void detach(JailRef jail, ProviderContext ctx);
}
