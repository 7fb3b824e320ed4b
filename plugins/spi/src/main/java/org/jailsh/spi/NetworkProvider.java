package org.jailsh.spi;

/** Connects a started jail to the network per its properties, and removes every trace at stop. */
public interface NetworkProvider extends Provider {

    @Override
    default ProviderKind kind() {
        return ProviderKind.NETWORK;
    }

    void attach(JailRef jail, RunState state, ProviderContext ctx);

    void detach(JailRef jail, ProviderContext ctx);

    /**
     * The IPv4 addresses a running jail got from DHCP, in iocage's {@code iface|addr/len} form (comma-separated), or
     * null when unknown; {@code list} shows them instead of "DHCP".
     */
    default String leasedAddresses(JailRef jail, ProviderContext ctx) {
        return null;
    }
}
