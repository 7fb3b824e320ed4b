package org.jailsh.verbs;

import java.nio.file.Path;
import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/** {@code exec [-U USER] NAME CMD…} and {@code console NAME}: only on a running jail, as the seed's menus allow. */
public final class ExecVerb {

    private final Session session;

    public ExecVerb(Session session) {
        this.session = session;
    }

    /** Runs argv in the jail; its exit code is what the CLI passes through. */
    public ExecResult exec(String target, List<String> argv, String user, boolean interactive) {
        return run(target, argv, user, interactive, null);
    }

    /**
     * Runs argv in the jail with {@code stdin} as its input, output captured. This is how secrets reach a jail: on
     * stdin, never in argv, which the log and plans show.
     */
    public ExecResult exec(String target, List<String> argv, String user, String stdin) {
        return run(target, argv, user, false, stdin);
    }

    private ExecResult run(String target, List<String> argv, String user, boolean interactive, String stdin) {
        if (argv.isEmpty()) {
            throw new ValidationException("no command given", "e.g. exec web hostname");
        }
        StoredJail jail = JailResolver.one(session.store(), target);
        RuntimeProvider runtime = session.registry().require(ProviderKind.RUNTIME, RuntimeProvider.class);
        requireUp(jail, "exec");
        session.log().info(jail.name() + ": exec " + String.join(" ", argv));
        ProviderContext ctx = session.providerContext();
        if (stdin != null) {
            ctx = new ProviderContext(new FeedingHostExec(ctx.exec(), stdin), ctx.facts(), ctx.reporter());
        }
        return runtime.exec(jail.ref(), argv, user == null ? "root" : user, interactive, ctx);
    }

    /** Hands {@code stdin} to the command the runtime runs to enter the jail ({@code nsenter}, {@code jexec}). */
    private record FeedingHostExec(HostExec inner, String stdin) implements HostExec {
        @Override
        public ExecResult run(Command command) {
            return inner.run(command.stdin() == null && !command.interactive() ? command.withStdin(stdin) : command);
        }

        @Override
        public void writeFile(Path path, String content) {
            inner.writeFile(path, content);
        }

        @Override
        public boolean dryRun() {
            return inner.dryRun();
        }
    }

    /** A root login shell on the user's terminal; returns when the user leaves it. */
    public int console(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        RuntimeProvider runtime = session.registry().require(ProviderKind.RUNTIME, RuntimeProvider.class);
        requireUp(jail, "console");
        return runtime.console(jail.ref(), session.providerContext());
    }

    private void requireUp(StoredJail jail, String verb) {
        SetVerb.requireReadable(jail);
        if (RunStates.planningOnly(session)) {
            return;
        }
        if (!RunStates.of(session, jail).up()) {
            // the seed's menus: no SHELL entry on a jail that is down; say which command brings it up
            throw new ValidationException(jail.name() + " is not running, so it has no " + verb,
                    "start it first: jailsh start " + jail.name() + " (at jailsh>: start " + jail.name() + ")");
        }
    }
}
