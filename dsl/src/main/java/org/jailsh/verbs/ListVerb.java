package org.jailsh.verbs;

import java.util.HashMap;
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

    /**
     * One question to the runtime for all jails (one {@code jls} on FreeBSD), never one per jail; each jail's
     * properties are built once, for its reference and its row (bench/RESULTS.md: list scaling).
     */
    public List<JailInfo> list(boolean templatesOnly) {
        List<StoredJail> jails = session.store().list().stream().filter(j -> j.template() == templatesOnly).toList();
        Map<String, Map<String, Object>> properties = new HashMap<>();
        for (StoredJail jail : jails) {
            properties.put(jail.name(), jail.properties());
        }
        Map<String, RunState> states = states(jails, properties);
        return jails.stream().map(j -> withLease(JailInfo.of(j, properties.get(j.name()),
                states.getOrDefault(j.name(), RunState.DOWN)), j)).toList();
    }

    /** A running DHCP jail shows its leased address (iocage shows it in the long listing when root). */
    private JailInfo withLease(JailInfo info, StoredJail jail) {
        if (!"DHCP".equals(info.ip4()) || !"up".equals(info.state())) {
            return info;
        }
        String leased = session.registry().choose(ProviderKind.NETWORK, org.jailsh.spi.NetworkProvider.class)
                .map(n -> n.leasedAddresses(jail.ref(), session.providerContext())).orElse(null);
        return leased == null ? info : new JailInfo(info.jid(), info.name(), info.state(), info.release(), leased,
                info.ip6(), info.boot(), info.type(), info.template(), info.basejail(), info.problem());
    }

    private Map<String, RunState> states(List<StoredJail> jails, Map<String, Map<String, Object>> properties) {
        RuntimeProvider runtime = session.registry().choose(ProviderKind.RUNTIME, RuntimeProvider.class).orElse(null);
        List<JailRef> running = jails.stream().filter(j -> !j.isCorrupt() && !j.template())
                .map(j -> j.ref(properties.get(j.name())))
                .toList();
        if (runtime == null || running.isEmpty() || RunStates.planningOnly(session, runtime)) {
            return Map.of();
        }
        try {
            return runtime.states(running, session.providerContext());
        } catch (RuntimeException e) {
            return oneByOne(runtime, running);
        }
    }

    /** When the batch question fails, each jail is asked alone, so one bad jail cannot hide the others. */
    private Map<String, RunState> oneByOne(RuntimeProvider runtime, List<JailRef> jails) {
        Map<String, RunState> states = new java.util.HashMap<>();
        for (JailRef jail : jails) {
            try {
                states.put(jail.name(), runtime.state(jail, session.providerContext()));
            } catch (RuntimeException e) {
                session.reporter().warn(jail.name() + ": cannot read its state: " + e.getMessage());
            }
        }
        return states;
    }
}
