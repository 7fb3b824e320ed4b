package org.jailsh.verbs;

import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.spi.RunState;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.ProviderKind;
import org.jailsh.store.StoredJail;

/** {@code list [-t]}: every jail (or template) with its state; corrupt ones are shown, never fatal. */
public final class ListVerb {

    private final Session session;

    public ListVerb(Session session) {
        this.session = session;
    }

    public List<JailInfo> list(boolean templatesOnly) {
        RuntimeProvider runtime = session.registry().choose(ProviderKind.RUNTIME, RuntimeProvider.class).orElse(null);
        return session.store().list().stream()
                .filter(j -> j.template() == templatesOnly)
                .map(j -> JailInfo.of(j, state(runtime, j)))
                .toList();
    }

    RunState state(RuntimeProvider runtime, StoredJail jail) {
        if (runtime == null || jail.isCorrupt() || jail.template() || session.dryRun()) {
            return RunState.DOWN;
        }
        try {
            return runtime.state(jail.ref(), session.providerContext());
        } catch (RuntimeException e) {
            session.reporter().warn(jail.name() + ": cannot read its state: " + e.getMessage());
            return RunState.DOWN;
        }
    }
}
