package org.jailsh.spi;

/** One fstab(5) line of a jail: source, destination (inside the jail root), type and options. */
public record MountEntry(String source, String destination, String type, String options) {

    public boolean readOnly() {
        for (String option : options.split(",")) {
            if (option.trim().equals("ro")) {
                return true;
            }
        }
        return false;
    }
}
