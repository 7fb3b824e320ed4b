package org.jailsh.spi;

/** Patch updates within a release and upgrades to a new one (apt, freebsd-update). */
public interface UpdateProvider extends Provider {

    @Override
    default ProviderKind kind() {
        return ProviderKind.UPDATE;
    }

    boolean handles(JailRef jail);

    /** Applies patch updates; returns a one-line report ("3 packages upgraded", "nothing to update"). */
    String update(JailRef jail, ProviderContext ctx);

    String upgrade(JailRef jail, String newRelease, ProviderContext ctx);

    /**
     * The release the jail's system is at now, as its {@code release} property should record it after an update or
     * upgrade (FreeBSD: {@code 13.2-RELEASE-p4}, iocage's {@code USERLAND_VERSION}). After an upgrade the core asks with
     * {@code release} already set to the new release. Null (the default) when the provider cannot tell; the core then
     * leaves {@code release} as it is.
     */
    default String installedRelease(JailRef jail, ProviderContext ctx) {
        return null;
    }
}
