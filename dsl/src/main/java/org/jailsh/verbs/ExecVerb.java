package org.jailsh.verbs;

import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.spi.ExecResult;
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
        if (argv.isEmpty()) {
            throw new ValidationException("no command given", "e.g. exec web hostname");
        }
        StoredJail jail = JailResolver.one(session.store(), target);
        RuntimeProvider runtime = session.registry().require(ProviderKind.RUNTIME, RuntimeProvider.class);
        requireUp(jail, "exec");
        session.log().info(jail.name() + ": exec " + String.join(" ", argv));
        return runtime.exec(jail.ref(), argv, user == null ? "root" : user, interactive, session.providerContext());
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
            throw new ValidationException(jail.name() + " is not running, so it has no " + verb,
                    "start it first (start " + jail.name() + ")");
        }
    }
}
