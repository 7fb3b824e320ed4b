package org.jailsh.freebsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.ValidationException;

/** Command lines that run inside a jail: {@code setfib FIB jexec [-U USER] ioc-NAME argv…} (iocage.md §4.3, §4.7). */
final class Jexec {

    static final String PATH = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin:/root/bin";

    private Jexec() {
    }

    static String fib(JailRef jail) {
        String fib = jail.property("exec_fib");
        if (fib.equals("none")) {
            return "0";
        }
        if (!fib.matches("\\d{1,3}")) {
            throw new ValidationException(jail.name() + ": exec_fib '" + fib + "' is not a FIB number", "e.g. 0");
        }
        return fib;
    }

    /** {@code setfib FIB jexec ioc-NAME argv…}. */
    static Command in(JailRef jail, List<String> argv) {
        List<String> all = new ArrayList<>(List.of("setfib", fib(jail), "jexec", jail.hostName()));
        all.addAll(argv);
        return Command.of(all);
    }

    static Command in(JailRef jail, String... argv) {
        return in(jail, Arrays.asList(argv));
    }

    /** {@code setfib FIB jexec -U USER ioc-NAME argv…}, with iocage's PATH for the command. */
    static Command as(JailRef jail, String user, List<String> argv) {
        if (!user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw new ValidationException("'" + user + "' is not a user name", "e.g. root");
        }
        List<String> all = new ArrayList<>(List.of("setfib", fib(jail), "jexec", "-U", user, jail.hostName()));
        all.addAll(argv);
        return Command.of(all).withEnv("PATH", PATH);
    }

    /** {@code exec_start}/{@code exec_stop} are split on whitespace, no shell (iocage.md §9). */
    static List<String> split(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
