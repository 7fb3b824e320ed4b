package org.jailsh.spi;

import java.nio.file.Path;

/**
 * Where a new jail's root comes from. {@code CLONE} shares the source until written (overlay, ZFS clone);
 * {@code THICK} is an independent copy; {@code EMPTY} has no source.
 */
public record RootSource(Mode mode, String name, Path root, boolean template) {

    public enum Mode { CLONE, THICK, EMPTY }

    public static RootSource empty() {
        return new RootSource(Mode.EMPTY, "EMPTY", null, false);
    }
}
