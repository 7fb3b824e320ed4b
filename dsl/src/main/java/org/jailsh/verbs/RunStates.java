package org.jailsh.verbs;

import org.jailsh.api.Session;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.RunState;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.store.StoredJail;

/** The run state of one jail, asked of the runtime provider when there is one; otherwise the jail is down. */
final class RunStates {

    private RunStates() {
    }

    static RunState of(Session session, StoredJail jail) {
        if (jail.isCorrupt() || jail.template()) {
            return RunState.DOWN;
        }
        return session.registry().choose(ProviderKind.RUNTIME, RuntimeProvider.class)
                .filter(runtime -> !planningOnly(session, runtime))
                .map(runtime -> runtime.state(jail.ref(), session.providerContext()))
                .orElse(RunState.DOWN);
    }

    /**
     * True in a dry run whose runtime cannot work on this host (the FreeBSD profile on Linux): the state is unknown,
     * so plans show what stopping or destroying would do.
     */
    static boolean planningOnly(Session session, RuntimeProvider runtime) {
        return session.dryRun() && !session.registry().available(runtime);
    }

    static boolean planningOnly(Session session) {
        return session.dryRun() && session.registry().choose(ProviderKind.RUNTIME, RuntimeProvider.class)
                .map(runtime -> planningOnly(session, runtime)).orElse(false);
    }
}
