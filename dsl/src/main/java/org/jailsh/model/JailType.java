package org.jailsh.model;

/** How a jail's root was made, as the seed's wizard offers it. */
public enum JailType {
    /** Shares the release (overlay or ZFS clone) until written: the default. */
    CLONE,
    /** An independent copy of the release ({@code -T}). */
    THICK,
    /** A private root with the release's system directories mounted read-only ({@code -b}). */
    BASEJAIL,
    /** No release at all ({@code -e}). */
    EMPTY
}
