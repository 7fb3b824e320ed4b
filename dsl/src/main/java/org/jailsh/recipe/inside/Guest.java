package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.api.Jails;
import org.jailsh.recipe.Secrets;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailshException;

/**
 * Where in-jail verbs run their commands: a running jail (through the facade's exec, input on stdin), or (in a
 * plan) nowhere: the commands are only written down, shown as the jail would run them.
 */
public abstract class Guest {

    private final String jail;

    protected Guest(String jail) {
        this.jail = jail;
    }

    public String jail() {
        return jail;
    }

    /** Runs argv in the jail with {@code stdin} (may be null) as its input. */
    public abstract ExecResult run(List<String> argv, String stdin);

    public abstract boolean planned();

    /** Runs argv and fails unless it exits 0; the message names the step, never the input. */
    public ExecResult check(String what, List<String> argv, String stdin) {
        ExecResult result = run(argv, stdin);
        if (!result.ok()) {
            String said = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
            List<String> lines = said.lines().toList();
            String tail = String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new JailshException(jail + ": " + what + " failed (exit " + result.exitCode() + ")"
                    + (tail.isEmpty() ? "" : ": " + tail), "see the jailsh log for the whole output");
        }
        return result;
    }

    /** A running jail, reached through {@link Jails#exec(String, List, String, String)} as root. */
    public static Guest live(Jails jails, String jail) {
        return new Guest(jail) {
            @Override
            public ExecResult run(List<String> argv, String stdin) {
                return jails.exec(jail, argv, "root", stdin);
            }

            @Override
            public boolean planned() {
                return false;
            }
        };
    }

    /** Records what would run, for plans; every command "succeeds" with no output. */
    public static Planned planned(String jail, Secrets secrets) {
        return new Planned(jail, secrets);
    }

    /** The guest of a plan: its lines are the commands, as {@code NAME ARGS} for jailsh's scripts. */
    public static final class Planned extends Guest {
        private final Secrets secrets;
        private final List<String> lines = new ArrayList<>();

        Planned(String jail, Secrets secrets) {
            super(jail);
            this.secrets = secrets;
        }

        @Override
        public ExecResult run(List<String> argv, String stdin) {
            lines.add(secrets.mask(display(argv, stdin)));
            return new ExecResult(Command.of(argv), 0, "", "");
        }

        @Override
        public boolean planned() {
            return true;
        }

        public List<String> drain() {
            List<String> copy = List.copyOf(lines);
            lines.clear();
            return copy;
        }
    }

    /** {@code sh -c SCRIPT jailsh-write /etc/motd} reads {@code jailsh-write /etc/motd}; input shows as "< stdin". */
    static String display(List<String> argv, String stdin) {
        List<String> shown = argv;
        if (argv.size() >= 4 && argv.get(0).endsWith("sh") && argv.get(1).equals("-c")
                && argv.get(3).startsWith("jailsh-")) {
            shown = argv.subList(3, argv.size());
        }
        return Command.of(shown).display() + (stdin == null ? "" : " < stdin");
    }
}
