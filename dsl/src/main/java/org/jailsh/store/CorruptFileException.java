package org.jailsh.store;

import java.nio.file.Path;

import org.jailsh.spi.JailshException;

/** A state file that cannot be read as what it should be. The file is left as it is. */
public class CorruptFileException extends JailshException {

    private final Path file;

    public CorruptFileException(Path file, String why) {
        super(file + " is corrupt: " + why, "fix the file or restore it from its backup (config_backup.json)");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
