package org.jailsh.spi;

import java.nio.file.Path;
import java.util.List;

/** Fetches releases into {@code IOCROOT/releases/REL/root} (busybox, debootstrap, archives, FreeBSD base.txz). */
public interface ReleaseProvider extends Provider {

    @Override
    default ProviderKind kind() {
        return ProviderKind.RELEASE;
    }

    /** True when this provider knows how to fetch the named release (or the request's URL). */
    boolean handles(ReleaseRequest request);

    /** Release names this provider can fetch here, for {@code releases} and completion. */
    List<String> available();

    /** Downloads into {@code downloadDir}, verifies, and extracts into {@code releaseRoot}. */
    void fetch(ReleaseRequest request, Path downloadDir, Path releaseRoot, ProviderContext ctx);
}
