package org.jailsh.linux

import java.nio.file.Files
import java.nio.file.Path

/**
 * Symlinks for specs, made safely. Spock's {@code @TempDir} cleanup deletes with Groovy's {@code File.deleteDir()},
 * which FOLLOWS symlinks to directories and deletes what they point at: as root, a spec that plants
 * {@code media -> /etc} in a temp dir empties the host's /etc at cleanup (this happened). So every link a spec plants
 * must point inside its own temp dir ({@link #link} refuses anything else), and {@link #removeLinks} deletes every
 * link under the temp dir, without following any, before Spock cleans up.
 */
final class Sandbox {

    private Sandbox() {
    }

    /** Creates {@code link -> target}; refuses a target that resolves outside {@code sandbox}. */
    static Path link(Path sandbox, Path link, String target) {
        Path box = sandbox.toAbsolutePath().normalize()
        Path t = Path.of(target)
        Path resolved = (t.isAbsolute() ? t : link.toAbsolutePath().parent.resolve(t)).normalize()
        if (!resolved.startsWith(box)) {
            throw new IllegalArgumentException("refusing to plant $link -> $target: it leaves the spec's temp dir " +
                    "$box, and @TempDir cleanup would delete through it")
        }
        Files.createDirectories(link.parent)
        Files.createSymbolicLink(link, t)
    }

    /** Deletes every symlink under {@code sandbox} without following any, so cleanup cannot walk through one. */
    static void removeLinks(Path sandbox) {
        if (sandbox == null || !Files.exists(sandbox)) {
            return
        }
        List<Path> links = Files.walk(sandbox).withCloseable { s -> s.filter { Files.isSymbolicLink(it) }.toList() }
        links.each { Files.deleteIfExists(it) }
    }
}
