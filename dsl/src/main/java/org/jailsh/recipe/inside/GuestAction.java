package org.jailsh.recipe.inside;

/**
 * One in-jail verb ({@code pkg}, {@code user}, {@code file}…) as recorded by {@link InsideContext}. It checks the
 * jail first and changes it only when needed, so a second run reports "unchanged". A plan cannot ask the jail: it shows
 * every action with its {@link #condition()} and the commands it would run.
 */
public interface GuestAction {

    /** What it is about, e.g. {@code user jailuser (groups sudo)}; never contains a secret. */
    String title();

    /** {@code +} creates, {@code ~} changes, {@code >} runs. */
    String mark();

    /** When it changes something, for plans: {@code unless jailuser exists}. */
    String condition();

    /** Refuses what cannot work in this jail, before any action of the block runs. */
    default void validate(GuestOs os, String jail) {
    }

    /**
     * Looks at the jail. {@code changedBefore}: an earlier action of the same block changed something (what a
     * {@code service NAME, 'restart'} waits for).
     */
    Check check(GuestOs os, Guest guest, boolean changedBefore);

    /** Makes the change; after a check, with what it found. */
    void apply(GuestOs os, Guest guest);

    /** {@code satisfied}: nothing to do; {@code why}: what the check found ("missing", "shell /bin/sh"). */
    record Check(boolean satisfied, String why) {

        static Check ok() {
            return new Check(true, "unchanged");
        }

        static Check needed(String why) {
            return new Check(false, why);
        }
    }
}
