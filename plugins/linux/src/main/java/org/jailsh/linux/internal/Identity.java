package org.jailsh.linux.internal;

import java.util.Optional;

/** A user inside a jail, as its own /etc/passwd defines it. */
public record Identity(String name, int uid, int gid, String home) {

    public static final Identity ROOT = new Identity("root", 0, 0, "/root");

    public boolean root() {
        return uid == 0;
    }

    /** The user's line in passwd(5) text, if any. */
    public static Optional<Identity> find(String passwd, String user) {
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && f[0].equals(user)) {
                try {
                    return Optional.of(new Identity(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            f[5].isEmpty() ? "/" : f[5]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
