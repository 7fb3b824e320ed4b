package org.jailsh.linux.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.HostFacts;

/** Looks up the host commands a provider needs, for its probe. */
public final class HostTools {

    /** An ordinary user's PATH often lacks the sbin directories where chroot lives. */
    private static final List<String> ALWAYS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private HostTools() {
    }

    /** The commands of {@code names} that are found neither on PATH nor in the system directories. */
    public static List<String> missing(HostFacts facts, String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!facts.hasCommand(name) && ALWAYS.stream().noneMatch(dir -> Files.isExecutable(Path.of(dir, name)))) {
                missing.add(name);
            }
        }
        return missing;
    }
}
