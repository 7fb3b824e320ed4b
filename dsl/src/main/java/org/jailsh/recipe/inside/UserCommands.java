package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The commands behind {@link UserAction}, per system. */
final class UserCommands {

    private UserCommands() {
    }

    /** Creates the user; {@code accounts} is null in a plan. */
    static void create(GuestOs os, Guest guest, UserAction.Spec spec, Accounts accounts, String what) {
        switch (os) {
            case FREEBSD -> {
                List<String> argv = new ArrayList<>(List.of("pw", "useradd", spec.name(), "-m"));
                options(argv, spec, "-d", "-c");
                guest.check(what, argv, null);
            }
            case DEBIAN, LINUX -> {
                List<String> argv = new ArrayList<>(List.of("useradd", "-m"));
                UserAction.Spec s = spec;
                if (spec.group() == null && accounts != null && accounts.group(spec.name()).isPresent()) {
                    s = new UserAction.Spec(spec.name(), spec.uid(), spec.name(), spec.groups(), spec.shell(),
                            spec.home(), spec.comment());
                }
                options(argv, s, "-d", "-c");
                argv.add(spec.name());
                guest.check(what, argv, null);
            }
            case BUSYBOX -> createByFiles(guest, spec, accounts, what);
        }
    }

    private static void options(List<String> argv, UserAction.Spec spec, String home, String comment) {
        if (spec.uid() != null) {
            argv.addAll(List.of("-u", spec.uid().toString()));
        }
        if (spec.group() != null) {
            argv.addAll(List.of("-g", spec.group()));
        }
        if (!spec.groups().isEmpty()) {
            argv.addAll(List.of("-G", String.join(",", spec.groups())));
        }
        if (spec.shell() != null) {
            argv.addAll(List.of("-s", spec.shell()));
        }
        if (spec.home() != null) {
            argv.addAll(List.of(home, spec.home()));
        }
        if (spec.comment() != null) {
            argv.addAll(List.of(comment, spec.comment()));
        }
    }

    /** busybox: a private group unless one is named, the passwd (and shadow) line, the home, the groups. */
    private static void createByFiles(Guest guest, UserAction.Spec spec, Accounts accounts, String what) {
        String uid = spec.uid() != null ? spec.uid().toString()
                : accounts == null ? "NEXT" : Long.toString(accounts.nextFreeUid());
        String gid;
        String primary = spec.group() != null ? spec.group() : spec.name();
        if (accounts == null) {
            gid = "GID";
            if (spec.group() == null) {
                guest.check(what, GuestScripts.sh(GuestScripts.ADDGROUP, "addgroup", primary, uid), null);
            }
        } else if (accounts.group(primary).isPresent()) {
            gid = Long.toString(accounts.group(primary).get().gid());
        } else {
            long wanted = Long.parseLong(uid);
            gid = Long.toString(accounts.gidTaken(wanted) ? accounts.nextFreeGid() : wanted);
            guest.check(what, GuestScripts.sh(GuestScripts.ADDGROUP, "addgroup", primary, gid), null);
        }
        String home = spec.home() != null ? spec.home() : "/home/" + spec.name();
        String shell = spec.shell() != null ? spec.shell() : "/bin/sh";
        guest.check(what, GuestScripts.sh(GuestScripts.ADDUSER, "adduser", spec.name(), uid, gid, home, shell,
                spec.comment() == null ? "" : spec.comment()), null);
        if (!spec.groups().isEmpty()) {
            guest.check(what, GuestScripts.sh(GuestScripts.GROUPMEMS, "groupmems", concat(spec.name(),
                    spec.groups())), null);
        }
    }

    static List<String> shell(GuestOs os, String user, String shell) {
        return switch (os) {
            case FREEBSD -> List.of("pw", "usermod", user, "-s", shell);
            case DEBIAN, LINUX -> List.of("usermod", "-s", shell, user);
            case BUSYBOX -> GuestScripts.sh(GuestScripts.USERSHELL, "usershell", user, shell);
        };
    }

    static List<String> addToGroups(GuestOs os, String user, List<String> groups, Accounts accounts) {
        return switch (os) {
            case FREEBSD -> {
                Set<String> all = new LinkedHashSet<>();
                accounts.groups().values().stream().filter(g -> g.members().contains(user))
                        .forEach(g -> all.add(g.name()));
                all.addAll(groups);
                yield List.of("pw", "usermod", user, "-G", String.join(",", all));
            }
            case DEBIAN, LINUX -> List.of("usermod", "-a", "-G", String.join(",", groups), user);
            case BUSYBOX -> GuestScripts.sh(GuestScripts.GROUPMEMS, "groupmems", concat(user, groups));
        };
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
