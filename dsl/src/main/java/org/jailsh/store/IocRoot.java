package org.jailsh.store;

import java.nio.file.Path;

/** The iocage directory layout under one state root (IOCROOT). Paths only; nothing here touches the disk. */
public record IocRoot(Path path) {

    public IocRoot {
        path = path.toAbsolutePath().normalize();
    }

    public Path jails() {
        return path.resolve("jails");
    }

    public Path templates() {
        return path.resolve("templates");
    }

    public Path releases() {
        return path.resolve("releases");
    }

    public Path download() {
        return path.resolve("download");
    }

    public Path images() {
        return path.resolve("images");
    }

    public Path log() {
        return path.resolve("log");
    }

    public Path defaultsFile() {
        return path.resolve("defaults.json");
    }

    /** jailsh's own bookkeeping (locks), kept apart from iocage's files. */
    public Path jailshDir() {
        return path.resolve(".jailsh");
    }

    public Path releaseRoot(String release) {
        return releases().resolve(release).resolve("root");
    }

    public Path downloadDir(String release) {
        return download().resolve(release);
    }
}
