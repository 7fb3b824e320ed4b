package org.jailsh.freebsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/**
 * A devfs ruleset made for each start (iocage.md §4.3 step 10): the first free number from
 * {@code min_dyn_devfs_ruleset}; {@code devfs_ruleset=4} builds iocage's "hide everything, unhide these" set, any other
 * number N is copied from ruleset N. Removed again at stop (§4.5 step 5), only if it is one of the dynamic ones.
 */
final class DevfsRuleset {

    /** The devices iocage unhides in its generated ruleset, in its order. */
    static final List<String> UNHIDE = List.of("null", "zero", "crypto", "random", "urandom",
            "ptyp*", "ptyq*", "ptyr*", "ptys*", "ptyP*", "ptyQ*", "ptyR*", "ptyS*",
            "ptyl*", "ptym*", "ptyn*", "ptyo*", "ptyL*", "ptyM*", "ptyN*", "ptyO*",
            "ttyp*", "ttyq*", "ttyr*", "ttys*", "ttyP*", "ttyQ*", "ttyR*", "ttyS*",
            "ttyl*", "ttym*", "ttyn*", "ttyo*", "ttyL*", "ttyM*", "ttyN*", "ttyO*",
            "ptmx", "pts", "pts/*", "fd", "fd/*", "stdin", "stdout", "stderr", "zfs");

    private DevfsRuleset() {
    }

    /** Makes the ruleset and returns its number as jail.conf wants it. */
    static String create(JailRef jail, boolean dhcp, ProviderContext ctx) {
        String configured = jail.property("devfs_ruleset");
        if (configured.equals("0")) {
            return "0";
        }
        Set<Integer> existing = showsets(ctx);
        if (!configured.equals("4") && !existing.contains(number(jail, "devfs_ruleset", configured))
                && !ctx.exec().dryRun()) {
            throw new ValidationException("devfs_ruleset " + configured + " does not exist! - Not starting jail",
                    "create it in /etc/devfs.rules, or set devfs_ruleset=4 for the generated one");
        }
        int ruleset = number(jail, "min_dyn_devfs_ruleset", jail.property("min_dyn_devfs_ruleset"));
        while (existing.contains(ruleset)) {
            ruleset++;
        }
        String n = String.valueOf(ruleset);
        if (!configured.equals("4")) {
            String rules = ctx.exec().check(Command.of("devfs", "rule", "-s", configured, "show")).stdout();
            for (String rule : rules.split("\n")) {
                if (!rule.isBlank()) {
                    List<String> argv = new ArrayList<>(List.of("devfs", "rule", "-s", n, "add"));
                    argv.addAll(Arrays.asList(rule.strip().split("\\s+")));
                    ctx.exec().check(Command.of(argv));
                }
            }
            return n;
        }
        ctx.exec().check("devfs", "rule", "-s", n, "add", "hide");
        List<String> unhide = new ArrayList<>(UNHIDE);
        if (jail.flag("allow_mount_fusefs")) {
            unhide.add("fuse");
        }
        if (jail.flag("bpf") || dhcp) {
            unhide.add("bpf*");
        }
        if (jail.flag("allow_tun")) {
            unhide.add("tun*");
        }
        for (String path : unhide) {
            ctx.exec().check("devfs", "rule", "-s", n, "add", "path", path, "unhide");
        }
        return n;
    }

    /** §4.5 step 5: the jail's ruleset, deleted when it is one of ours (never a system ruleset below the minimum). */
    static void remove(JailRef jail, ProviderContext ctx) {
        String current = ctx.exec().run(Command.of("jls", "-j", jail.hostName(), "devfs_ruleset")).stdout().strip();
        if (!current.matches("\\d+")) {
            return;
        }
        int ruleset = Integer.parseInt(current);
        int minimum = number(jail, "min_dyn_devfs_ruleset", jail.property("min_dyn_devfs_ruleset"));
        if (ruleset >= minimum && showsets(ctx).contains(ruleset)) {
            ctx.exec().run(Command.of("devfs", "rule", "-s", current, "delset"));
        }
    }

    static Set<Integer> showsets(ProviderContext ctx) {
        Set<Integer> sets = new TreeSet<>();
        for (String word : ctx.exec().check(Command.of("devfs", "rule", "showsets")).stdout().split("\\s+")) {
            if (word.matches("\\d+")) {
                sets.add(Integer.parseInt(word));
            }
        }
        return sets;
    }

    private static int number(JailRef jail, String property, String value) {
        if (!value.matches("\\d{1,5}")) {
            throw new ValidationException(jail.name() + ": " + property + " '" + value + "' is not a ruleset number",
                    "use a non-negative integer");
        }
        return Integer.parseInt(value);
    }
}
