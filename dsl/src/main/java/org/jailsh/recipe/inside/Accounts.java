package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A jail's /etc/passwd and /etc/group as read by the in-jail verbs' checks. */
record Accounts(Map<String, User> users, Map<String, Group> groups) {

    record User(String name, long uid, long gid, String home, String shell) {
    }

    record Group(String name, long gid, List<String> members) {
    }

    static Accounts parse(String passwd, String group) {
        Map<String, User> users = new LinkedHashMap<>();
        for (String line : passwd.lines().toList()) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && !line.startsWith("#")) {
                users.put(f[0], new User(f[0], number(f[2]), number(f[3]), f[5], f[6]));
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (String line : group.lines().toList()) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !line.startsWith("#")) {
                List<String> members = f.length > 3 && !f[3].isBlank() ? Arrays.asList(f[3].split(",")) : List.of();
                groups.put(f[0], new Group(f[0], number(f[2]), List.copyOf(members)));
            }
        }
        return new Accounts(users, groups);
    }

    /** Reads both files in the jail (a missing file reads as empty). */
    static Accounts read(Guest guest) {
        String passwd = guest.run(List.of("cat", "/etc/passwd"), null).stdout();
        String group = guest.run(List.of("cat", "/etc/group"), null).stdout();
        return parse(passwd, group);
    }

    Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** The groups a user is in: the primary one and every group that lists the user. */
    List<String> groupsOf(String user) {
        List<String> in = new ArrayList<>();
        User u = users.get(user);
        for (Group g : groups.values()) {
            if (u != null && g.gid() == u.gid() || g.members().contains(user)) {
                in.add(g.name());
            }
        }
        return in;
    }

    long nextFreeUid() {
        return next(users.values().stream().map(User::uid).toList());
    }

    long nextFreeGid() {
        return next(groups.values().stream().map(Group::gid).toList());
    }

    boolean gidTaken(long gid) {
        return groups.values().stream().anyMatch(g -> g.gid() == gid);
    }

    private static long next(List<Long> taken) {
        long candidate = 1000;
        while (taken.contains(candidate)) {
            candidate++;
        }
        return candidate;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
