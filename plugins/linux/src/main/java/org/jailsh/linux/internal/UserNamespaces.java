package org.jailsh.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether an ordinary user may create user namespaces here, read from the kernel's switches (no command is run). */
public final class UserNamespaces {

    private final Path procSys;

    public UserNamespaces(Path procSys) {
        this.procSys = procSys;
    }

    public static UserNamespaces host() {
        return new UserNamespaces(Path.of("/proc/sys"));
    }

    /** Empty when unprivileged user namespaces work, otherwise why not. */
    public Optional<String> whyNot() {
        if (read("kernel/unprivileged_userns_clone").filter("0"::equals).isPresent()) {
            return Optional.of("kernel.unprivileged_userns_clone is 0");
        }
        if (read("user/max_user_namespaces").filter("0"::equals).isPresent()) {
            return Optional.of("user.max_user_namespaces is 0");
        }
        if (read("kernel/apparmor_restrict_unprivileged_userns").filter("1"::equals).isPresent()) {
            return Optional.of("kernel.apparmor_restrict_unprivileged_userns is 1");
        }
        return Optional.empty();
    }

    private Optional<String> read(String key) {
        try {
            return Optional.of(Files.readString(procSys.resolve(key)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
