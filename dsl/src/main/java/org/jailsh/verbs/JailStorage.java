package org.jailsh.verbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import org.jailsh.api.Session;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.spi.exec.AtomicFiles;
import org.jailsh.store.StoredJail;

/**
 * Which storage provider made a jail, kept in {@code JAILDIR/.jailsh-storage} from its create on, and the check
 * that the provider chosen now is that one: another storage (a plugin installed later, JAILSH_STORAGE_PROVIDER) would
 * look for the jail's data in the wrong place, or remove it the wrong way. Jails made before the record, or by
 * iocage, have none and are not checked.
 */
final class JailStorage {

    static final String RECORD = ".jailsh-storage";

    private JailStorage() {
    }

    /** The storage to act on the jail with: the chosen one, refused when the jail was made by another. */
    static Optional<StorageProvider> of(Session session, StoredJail jail) {
        Optional<StorageProvider> chosen = session.registry().choose(ProviderKind.STORAGE, StorageProvider.class);
        chosen.ifPresent(storage -> check(storage, jail.name(), jail.dir()));
        return chosen;
    }

    static StorageProvider require(Session session, StoredJail jail) {
        StorageProvider storage = session.registry().require(ProviderKind.STORAGE, StorageProvider.class);
        check(storage, jail.name(), jail.dir());
        return storage;
    }

    /** Refuses a storage other than the one that made the jail in {@code dir}. */
    static void check(StorageProvider storage, String name, Path dir) {
        recorded(dir).filter(made -> !made.equals(storage.id())).ifPresent(made -> {
            throw new ValidationException(name + " was made by the '" + made + "' storage, but the storage in use is '"
                    + storage.id() + "'", "run with JAILSH_STORAGE_PROVIDER=" + made + " (see 'providers')");
        });
    }

    static void record(Path dir, StorageProvider storage) {
        AtomicFiles.write(dir.resolve(RECORD), storage.id() + "\n");
    }

    static Optional<String> recorded(Path dir) {
        Path file = dir.resolve(RECORD);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 200) {
                return Optional.empty();
            }
            String id = Files.readString(file).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
