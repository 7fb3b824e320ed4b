package org.jailsh.recipe.inside;

import java.util.List;

/**
 * {@code exec 'make install'}: a command line for the jail's {@code /bin/sh}. It runs every time unless guarded:
 * {@code creates: '/usr/local/bin/app'} (skipped when that path exists) or {@code unless: 'grep -q x /etc/y'}
 * (skipped when that command succeeds). Never put a secret in it: command lines are shown and logged.
 */
final class ExecAction implements GuestAction {

    private final String command;
    private final String creates;
    private final String unless;

    ExecAction(String command, String creates, String unless) {
        this.command = command;
        this.creates = creates;
        this.unless = unless;
    }

    @Override
    public String title() {
        return "exec " + command;
    }

    @Override
    public String mark() {
        return ">";
    }

    @Override
    public String condition() {
        return creates != null ? "unless " + creates + " exists" : unless != null ? "unless: " + unless : "always";
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        if (creates != null && guest.run(List.of("test", "-e", creates), null).ok()) {
            return Check.ok();
        }
        if (unless != null && guest.run(List.of("/bin/sh", "-c", unless), null).ok()) {
            return Check.ok();
        }
        return Check.needed(creates != null ? creates + " missing" : unless != null ? "check failed" : "always runs");
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        guest.check(title(), List.of("/bin/sh", "-c", command), null);
    }
}
