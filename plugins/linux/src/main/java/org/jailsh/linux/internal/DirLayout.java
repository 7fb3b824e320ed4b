package org.jailsh.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the {@code dir} storage keeps a jail's data under its directory. A clone's own files are in
 * {@code overlay/upper}; {@code overlay/lower} names the layers beneath, top first, separated by ':' as overlayfs
 * wants them. A thick or empty jail keeps everything in {@code root}. Snapshots are copies in {@code snapshots/NAME}.
 */
public record DirLayout(Path dir) {

    public Path root() {
        return dir.resolve("root");
    }

    public Path overlay() {
        return dir.resolve("overlay");
    }

    public Path upper() {
        return overlay().resolve("upper");
    }

    public Path work() {
        return overlay().resolve("work");
    }

    public Path lowerFile() {
        return overlay().resolve("lower");
    }

    public Path snapshots() {
        return dir.resolve("snapshots");
    }

    public Path snapshot(String name) {
        return snapshots().resolve(name);
    }

    /** True for a clone, whose root exists only as an overlay mounted at start. */
    public boolean layered() {
        return Files.isRegularFile(lowerFile());
    }

    /** The jail's own data: what snapshots copy and rollback replaces. */
    public Path data() {
        return layered() ? upper() : root();
    }

    /** The layers beneath a clone, top first; empty for a thick jail. */
    public List<Path> lowers() {
        if (!layered()) {
            return List.of();
        }
        try {
            String text = Files.readString(lowerFile()).trim();
            return Arrays.stream(text.split(":")).filter(s -> !s.isEmpty()).map(Path::of).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + lowerFile() + ": " + e.getMessage(), e);
        }
    }

    /** Every layer of the jail's root, top first: where a path inside the jail is looked up without mounting. */
    public List<Path> layers() {
        if (!layered()) {
            return List.of(root());
        }
        List<Path> layers = new ArrayList<>();
        layers.add(upper());
        layers.addAll(lowers());
        return layers;
    }

    /** The top layer's entry for {@code pathInJail} (not following symlinks), if any layer has one. */
    public Optional<Path> find(String pathInJail) {
        String relative = pathInJail.replaceFirst("^/+", "");
        for (Path layer : layers()) {
            Path candidate = layer.resolve(relative);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
