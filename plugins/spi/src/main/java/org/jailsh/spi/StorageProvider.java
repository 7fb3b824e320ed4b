package org.jailsh.spi;

import java.nio.file.Path;
import java.util.List;

/** Where jail roots live and how they are cloned, snapshotted and destroyed ({@code dir}, {@code zfs}, …). */
public interface StorageProvider extends Provider {

    @Override
    default ProviderKind kind() {
        return ProviderKind.STORAGE;
    }

    /** Creates the jail's dataset or directory and its root from {@code source}. */
    void create(JailRef jail, RootSource source, ProviderContext ctx);

    /** Removes the jail, its data and its snapshots — that jail only. */
    void destroy(JailRef jail, ProviderContext ctx);

    void snapshot(JailRef jail, String snapshot, ProviderContext ctx);

    void rollback(JailRef jail, String snapshot, ProviderContext ctx);

    List<String> snapshots(JailRef jail, ProviderContext ctx);

    /**
     * Mounts the runtime makes, in the jail's private mount namespace and before anything else, to assemble the
     * root: e.g. an overlay of the release and the jail's own layer (destination {@code /}). Empty when the root is a
     * plain directory or dataset that is already there.
     */
    default List<MountEntry> rootMounts(JailRef jail) {
        return List.of();
    }

    /**
     * Selects the pool jails live on ({@code activate POOL}, iocage's {@code org.freebsd.ioc:active}). Only providers
     * with the capability {@code pools} support it.
     */
    default void activate(String pool, ProviderContext ctx) {
        throw new ProviderUnavailableException("the " + id() + " storage provider has no pools",
                "activate needs a storage provider with pools, such as zfs");
    }

    /** Marks the jail read-only as a template, or back ({@code set template=yes|no}). */
    default void setTemplate(JailRef jail, boolean template, ProviderContext ctx) {
    }

    /**
     * True when {@link #setTemplate} itself moves the jail between {@code jails/NAME} and {@code templates/NAME}
     * (zfs renames the dataset, as iocage does); the core then skips its own directory move and calls
     * {@code setTemplate} with the jail's new directory before writing its config there.
     */
    default boolean movesTemplates() {
        return false;
    }

    /**
     * Called before a release is fetched into {@code releaseRoot}, so storage can make the directories what it needs
     * them to be (zfs: the datasets {@code POOL/iocage/download/REL} and {@code POOL/iocage/releases/REL/root}, which
     * jails are later cloned from). Does nothing by default.
     */
    default void prepareRelease(Path downloadDir, Path releaseRoot, ProviderContext ctx) {
    }

    /**
     * Work of this storage that a jailsh killed part-way left in the jail (a rollback between its renames, a
     * half-copied snapshot), one line each; empty when there is none. {@code doctor} reports these and calls
     * {@link #recover} under the jail's lock.
     */
    default List<String> interrupted(JailRef jail, ProviderContext ctx) {
        return List.of();
    }

    /** Finishes or undoes what {@link #interrupted} reported, leaving the jail's data whole. */
    default void recover(JailRef jail, ProviderContext ctx) {
    }
}
