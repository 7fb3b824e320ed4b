package org.jailsh.verbs;

import java.util.List;
import java.util.Map;

import org.jailsh.spi.JailRef;

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

    /** One question to the runtime for all jails (one {@code jls} on FreeBSD), never one per jail. */
    public List<JailInfo> list(boolean templatesOnly) {
        List<StoredJail> jails = session.store().list().stream().filter(j -> j.template() == templatesOnly).toList();
        Map<String, RunState> states = states(jails);
        return jails.stream().map(j -> JailInfo.of(j, states.getOrDefault(j.name(), RunState.DOWN))).toList();
    }

    private Map<String, RunState> states(List<StoredJail> jails) {
        RuntimeProvider runtime = session.registry().choose(ProviderKind.RUNTIME, RuntimeProvider.class).orElse(null);
        List<JailRef> running = jails.stream().filter(j -> !j.isCorrupt() && !j.template()).map(StoredJail::ref)
                .toList();
        if (runtime == null || running.isEmpty() || session.dryRun()) {
            return Map.of();
        }
        try {
            return runtime.states(running, session.providerContext());
        } catch (RuntimeException e) {
            session.reporter().warn("cannot read the jails' states: " + e.getMessage());
            return Map.of();
        }
    }
}
