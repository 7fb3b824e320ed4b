package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jailsh.spi.ValidationException;

/**
 * {@code user 'jailuser', groups: ['wheel'], shell: '/bin/sh'} (its {@code password:} is a {@link PasswordAction}):
 * the seed's {@code adduser} as {@code pw useradd} on FreeBSD, {@code useradd} on Debian, and lines in /etc/passwd and
 * /etc/group on busybox. An existing user gets missing groups and a changed shell; nothing else is touched.
 */
final class UserAction implements GuestAction {

    /** What {@code user} may say about the account. */
    record Spec(String name, Long uid, String group, List<String> groups, String shell, String home, String comment) {
    }

    private final Spec spec;
    private Accounts accounts;
    private List<String> missingGroups = List.of();
    private boolean shellDiffers;

    UserAction(Spec spec) {
        AccountNames.check("user", spec.name());
        spec.groups().forEach(g -> AccountNames.check("group", g));
        if (spec.group() != null) {
            AccountNames.check("group", spec.group());
        }
        AccountNames.shell(spec.shell());
        if (spec.comment() != null && !spec.comment().matches("[^:\\n]*")) {
            throw new ValidationException("user " + spec.name() + ": a comment cannot contain ':' or a line break",
                    "shorten the comment");
        }
        if (spec.home() != null && !spec.home().matches("/[A-Za-z0-9_./-]*")) {
            throw new ValidationException("user " + spec.name() + ": '" + spec.home() + "' is not a home directory",
                    "e.g. home: '/home/" + spec.name() + "'");
        }
        this.spec = spec;
    }

    @Override
    public String title() {
        List<String> about = new ArrayList<>();
        if (spec.uid() != null) {
            about.add("uid " + spec.uid());
        }
        if (!spec.groups().isEmpty()) {
            about.add("groups " + String.join(",", spec.groups()));
        }
        if (spec.shell() != null) {
            about.add("shell " + spec.shell());
        }
        return "user " + spec.name() + (about.isEmpty() ? "" : " (" + String.join(", ", about) + ")");
    }

    @Override
    public String mark() {
        return "+";
    }

    @Override
    public String condition() {
        return "unless it exists as asked";
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        accounts = Accounts.read(guest);
        List<String> wanted = new ArrayList<>(spec.groups());
        if (spec.group() != null) {
            wanted.add(spec.group());
        }
        for (String group : wanted) {
            if (accounts.group(group).isEmpty()) {
                throw new ValidationException(guest.jail() + ": user " + spec.name() + " needs group " + group
                        + ", which this jail does not have", "declare it first: group '" + group + "'");
            }
        }
        Optional<Accounts.User> user = accounts.user(spec.name());
        if (user.isEmpty()) {
            if (spec.uid() != null && accounts.users().values().stream().anyMatch(u -> u.uid() == spec.uid())) {
                throw new ValidationException(guest.jail() + ": uid " + spec.uid() + " belongs to another user",
                        "choose another uid for " + spec.name());
            }
            return Check.needed("missing");
        }
        if (spec.uid() != null && user.get().uid() != spec.uid()) {
            throw new ValidationException(guest.jail() + ": user " + spec.name() + " exists with uid "
                    + user.get().uid() + ", not " + spec.uid(), "change it by hand, or give uid: " + user.get().uid());
        }
        List<String> in = accounts.groupsOf(spec.name());
        missingGroups = spec.groups().stream().filter(g -> !in.contains(g)).toList();
        shellDiffers = spec.shell() != null && !spec.shell().equals(user.get().shell());
        if (missingGroups.isEmpty() && !shellDiffers) {
            return Check.ok();
        }
        return Check.needed((shellDiffers ? "shell " + user.get().shell() + " " : "")
                + (missingGroups.isEmpty() ? "" : "not in " + String.join(",", missingGroups)).trim());
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        boolean exists = accounts != null && accounts.user(spec.name()).isPresent();
        if (!exists) {
            UserCommands.create(os, guest, spec, accounts, title());
            return;
        }
        if (shellDiffers) {
            guest.check(title(), UserCommands.shell(os, spec.name(), spec.shell()), null);
        }
        if (!missingGroups.isEmpty()) {
            guest.check(title(), UserCommands.addToGroups(os, spec.name(), missingGroups, accounts), null);
        }
    }
}
