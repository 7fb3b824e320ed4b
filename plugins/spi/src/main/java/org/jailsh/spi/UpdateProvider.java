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
}
