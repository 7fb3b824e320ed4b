package org.jailsh.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Small directory questions the release providers ask before they fetch. */
public final class Dirs {

    private Dirs() {
    }

    /** True when {@code dir} does not exist or holds nothing (a release root that may be fetched into). */
    public static boolean isEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
