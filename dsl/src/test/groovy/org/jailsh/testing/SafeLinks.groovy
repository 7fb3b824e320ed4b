package org.jailsh.testing

import java.nio.file.Files
import java.nio.file.Path

/**
 * Symlinks for specs, made safely. Spock's {@code @TempDir} cleanup uses Groovy's {@code File.deleteDir()}, which
 * FOLLOWS symlinks to directories and deletes what they point at. A spec running as root that plants
 * {@code root/media -> /etc} in a temp dir therefore empties the host's /etc at cleanup (this happened once).
 * So: every link a spec plants must point inside the spec's own temp dir ({@link #link} refuses anything else),
 * and {@link #removeAll} deletes every link under the temp dir (without following it) before Spock cleans up.
 */
final class SafeLinks {

    private SafeLinks() {
    }

    /** Creates {@code link -> target}; refuses a target that resolves outside {@code sandbox}. */
    static Path link(Path sandbox, Path link, Path target) {
        Path box = sandbox.toAbsolutePath().normalize()
        Path resolved = (target.isAbsolute() ? target : link.toAbsolutePath().parent.resolve(target)).normalize()
        if (!resolved.startsWith(box)) {
            throw new IllegalArgumentException("refusing to plant ${link} -> ${target}: it leaves the spec's temp dir "
                    + "${box}, and @TempDir cleanup would delete through it")
        }
        Files.createSymbolicLink(link, target)
    }

    /** Deletes every symlink under {@code sandbox} without following any, so cleanup cannot walk through one. */
    static void removeAll(Path sandbox) {
        if (!Files.exists(sandbox)) {
            return
        }
        List<Path> links = Files.walk(sandbox).withCloseable { s -> s.filter { Files.isSymbolicLink(it) }.toList() }
        links.each { Files.deleteIfExists(it) }
    }
}
