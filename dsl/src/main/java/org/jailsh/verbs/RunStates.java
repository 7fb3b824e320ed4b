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
        if (jail.isCorrupt() || jail.template() || session.dryRun()) {
            return RunState.DOWN;
        }
        return session.registry().choose(ProviderKind.RUNTIME, RuntimeProvider.class)
                .map(runtime -> runtime.state(jail.ref(), session.providerContext()))
                .orElse(RunState.DOWN);
    }
}
