package org.jailsh.model;

/**
 * One iocage property: its default, on-disk type, who may set it, and how values are checked.
 *
 * @param settable   false for keys jailsh or iocage maintain ({@code release}, {@code type}, {@code last_started}…)
 * @param needsStop  changing it on a running jail is refused: it only takes effect at start
 * @param jailOnly   never in defaults.json ({@code host_hostname}, {@code release}…)
 * @param defaultsOnly only settable on {@code default} ({@code nat_prefix}…)
 */
public record Property(String name, PropertyType type, Object defaultValue, boolean settable, boolean needsStop,
                       boolean jailOnly, boolean defaultsOnly, ValueCheck check, String description) {

    /** Normalises and checks a value given by a user; returns the on-disk form or throws a ValidationException. */
    public Object parse(String jail, String text) {
        return check.parse(jail, this, text);
    }
}
