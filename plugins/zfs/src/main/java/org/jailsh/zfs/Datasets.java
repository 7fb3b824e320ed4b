package org.jailsh.zfs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jailsh.spi.JailRef;
import org.jailsh.spi.ValidationException;

/**
 * Dataset names of one jail: {@code POOL/iocage/KIND/NAME} and its {@code /root}, where KIND ({@code jails} or
 * {@code templates}) and NAME come from the jail's directory {@code IOCROOT/KIND/NAME}.
 */
record Datasets(String pool, String kind, String name) {

    static final String JAILS = "jails";
    static final String TEMPLATES = "templates";

    Datasets {
        checkComponent(name, "jail name");
    }

    /** IOCROOT of a jail directory {@code IOCROOT/KIND/NAME}. */
    static Path iocroot(JailRef jail) {
        Path dir = jail.dir().toAbsolutePath().normalize();
        if (dir.getParent() == null || dir.getParent().getParent() == null) {
            throw new ValidationException(jail.name() + ": " + dir + " is not IOCROOT/jails/NAME",
                    "jails live in the jails or templates directory of the state root");
        }
        return dir.getParent().getParent();
    }

    static Datasets of(JailRef jail, String pool) {
        Path dir = jail.dir().toAbsolutePath().normalize();
        String kind = String.valueOf(dir.getParent().getFileName());
        if (!kind.equals(JAILS) && !kind.equals(TEMPLATES)) {
            throw new ValidationException(jail.name() + ": " + dir + " is neither in jails/ nor in templates/",
                    "the zfs provider keeps jails in POOL/iocage/jails and POOL/iocage/templates, as iocage does");
        }
        return new Datasets(pool, kind, String.valueOf(dir.getFileName()));
    }

    String iocage() {
        return pool + "/iocage";
    }

    String dataset() {
        return iocage() + "/" + kind + "/" + name;
    }

    String root() {
        return dataset() + "/root";
    }

    /** The same jail under the other kind (jails ↔ templates), for {@code set template=yes|no}. */
    Datasets moved() {
        return new Datasets(pool, kind.equals(JAILS) ? TEMPLATES : JAILS, name);
    }

    /** {@code name} is {@code parent} or lies beneath it; never by bare prefix ({@code web} vs {@code web2}). */
    static boolean within(String name, String parent) {
        return name.equals(parent) || name.startsWith(parent + "/");
    }

    /** The dataset part of {@code DS@SNAP} (or the name itself when it has no snapshot part). */
    static String datasetOf(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    static String snapshotOf(String name) {
        int at = name.indexOf('@');
        return at < 0 ? "" : name.substring(at + 1);
    }

    /** Non-blank lines of a command's output, stripped. */
    static List<String> lines(String output) {
        return Arrays.stream(output.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** One component of a dataset name: no separators, no whitespace, no leading dash (it would read as an option). */
    static void checkComponent(String value, String what) {
        if (value == null || !value.matches("[A-Za-z0-9_.:][A-Za-z0-9_.:-]*") || value.equals(".")
                || value.equals("..")) {
            throw new ValidationException("'" + value + "' cannot be a " + what + " on ZFS",
                    "use letters, digits, '.', '_', ':' and '-', not starting with '-'");
        }
    }
}
