package org.jailsh.verbs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.StorageProvider;
import org.jailsh.store.StoredJail;

/** The directories a jail's root is made of while it is not mounted: an overlay's upper and lower directories. */
final class RootLayers {

    private RootLayers() {
    }

    static List<Path> of(Session session, StoredJail jail) {
        List<Path> layers = new ArrayList<>();
        session.registry().choose(ProviderKind.STORAGE, StorageProvider.class).ifPresent(storage -> {
            for (MountEntry mount : storage.rootMounts(jail.ref())) {
                for (String option : mount.options().split(",")) {
                    int eq = option.indexOf('=');
                    String key = eq > 0 ? option.substring(0, eq) : option;
                    if (key.equals("upperdir") || key.equals("lowerdir")) {
                        for (String dir : option.substring(eq + 1).split(":")) {
                            layers.add(Path.of(dir));
                        }
                    }
                }
            }
        });
        return layers;
    }
}
