package org.jailsh.spi;

import java.util.Set;

/**
 * A pluggable implementation of one {@link ProviderKind}. Constructors do nothing: all checks belong in
 * {@link #probe(HostFacts)}, which must not throw for an ordinary "cannot work here" but say why.
 */
public interface Provider {

    /** Stable, unique id such as {@code dir}, {@code zfs}, {@code linux-ns}. */
    String id();

    ProviderKind kind();

    /** The host profiles this provider is meant for. */
    Set<Platform> platforms();

    /** Higher wins when several providers of one kind are available and no choice was made. */
    default int priority() {
        return 0;
    }

    /** Short words the registry validates (non-empty) and {@code providers} shows, e.g. {@code clone, snapshot}. */
    Set<String> capabilities();

    /** Whether the provider can work on this host, and the reason when it cannot. */
    Availability probe(HostFacts facts);
}
