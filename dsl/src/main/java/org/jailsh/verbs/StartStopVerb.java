package org.jailsh.verbs;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jailsh.api.Session;
import org.jailsh.model.ValueChecks;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.NetworkProvider;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.RunState;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/** {@code start}, {@code stop}, {@code restart}: the runtime provider does the work, the network provider attaches. */
public final class StartStopVerb {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Session session;

    public StartStopVerb(Session session) {
        this.session = session;
    }

    /** Starts the jail after the jails it depends on; one outcome per jail started, dependencies first. */
    public List<Outcome> start(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        List<Outcome> outcomes = new ArrayList<>();
        for (StoredJail dependency : dependencies(jail, new LinkedHashSet<>())) {
            outcomes.add(startOne(session.store().load(dependency.name())));
        }
        outcomes.add(startOne(jail));
        return outcomes;
    }

    private Outcome startOne(StoredJail jail) {
        SetVerb.requireReadable(jail);
        StoredValues.check(jail);
        if (jail.template() || ValueChecks.isYes(jail.effective().get("template"))) {
            throw new ValidationException(jail.name() + " is a template and templates cannot be started",
                    "create a jail from it: create -t " + jail.name() + " -n NAME");
        }
        Plan plan = new Plan(jail.name(), jail.name());
        if (RunStates.of(session, jail).up()) {
            plan.notice(jail.name() + " is already up");
            return new Applier(session).apply(plan, "");
        }
        RuntimeProvider runtime = session.registry().require(ProviderKind.RUNTIME, RuntimeProvider.class);
        AtomicReference<RunState> state = new AtomicReference<>(RunState.DOWN);
        // two phases, as jail(8) does: the jail exists with its mounts, the network is attached, then it boots
        plan.add(Step.run("start " + jail.name() + " (" + runtime.id() + ")", "asked for", ctx -> {
            List<MountEntry> mounts = new ArrayList<>();
            JailStorage.of(session, jail).ifPresent(storage -> mounts.addAll(storage.rootMounts(jail.ref())));
            List<MountEntry> fstab = session.store().fstab(jail).entries();
            if (mounts.isEmpty()) {
                // a root that is a plain directory or dataset: jail(8) mounts only onto existing directories
                MountRules.ensureDestinations(jail, fstab, ctx);
            }
            mounts.addAll(fstab);
            state.set(runtime.create(jail.ref(), mounts, ctx.providers()));
        }));
        NetworkProvider network = needsNetwork(jail)
                ? session.registry().require(ProviderKind.NETWORK, NetworkProvider.class) : null;
        if (network != null) {
            plan.add(Step.run("attach network (" + network.id() + ")", describeNetwork(jail),
                    ctx -> network.attach(jail.ref(), state.get(), ctx.providers())));
        }
        plan.add(Step.run("boot " + jail.name(), "exec_start " + jail.property("exec_start"),
                ctx -> runtime.boot(jail.ref(), state.get(), ctx.providers())));
        plan.add(Step.change("record last_started", "iocage keeps it in config.json", ctx -> {
            Map<String, Object> own = new TreeMap<>(jail.own());
            own.put("last_started", STARTED.format(ZonedDateTime.now(ZoneOffset.UTC)));
            ctx.writeConfig(jail.dir(), own);
        }));
        plan.onFailure(ctx -> {
            if (network != null) {
                network.detach(jail.ref(), ctx.providers());
            }
            runtime.stop(jail.ref(), ctx.providers());
        });
        return new Applier(session).apply(plan, () -> jail.name() + ": up (jid " + state.get().jid() + ")");
    }

    static boolean needsNetwork(StoredJail jail) {
        Map<String, Object> p = jail.effective();
        return ValueChecks.isYes(p.get("vnet")) || ValueChecks.isYes(p.get("nat")) || ValueChecks.isYes(p.get("dhcp"))
                || !"none".equals(String.valueOf(p.get("ip4_addr"))) || !"none".equals(String.valueOf(p.get("ip6_addr")));
    }

    private static String describeNetwork(StoredJail jail) {
        Map<String, Object> p = jail.effective();
        return (ValueChecks.isYes(p.get("vnet")) ? "vnet " + p.get("interfaces") : "shared IP") + ", ip4 "
                + p.get("ip4_addr");
    }

    /** Jails named in {@code depends}, deepest first, each once; a cycle is an error naming it. */
    private List<StoredJail> dependencies(StoredJail jail, Set<String> path) {
        if (!path.add(jail.name())) {
            throw new ValidationException("depends forms a cycle: " + String.join(" -> ", path) + " -> " + jail.name(),
                    "remove one of the depends entries");
        }
        List<StoredJail> order = new ArrayList<>();
        String depends = jail.isCorrupt() ? "none" : jail.property("depends");
        if (!depends.equals("none")) {
            for (String name : depends.split("\\s+")) {
                StoredJail dependency = session.store().find(name).orElseThrow(() -> new ValidationException(
                        jail.name() + " depends on " + name + ", which does not exist",
                        "create it, or change depends (set depends=none " + jail.name() + ")"));
                order.addAll(dependencies(dependency, new LinkedHashSet<>(path)));
                order.add(dependency);
            }
        }
        return order;
    }

    /**
     * Jails in boot order: ascending {@code priority} (iocage's rule), then name; for stopping, the reverse. Names are
     * resolved first, so an unknown one fails before anything starts.
     */
    public List<String> order(List<String> targets, boolean forStop) {
        List<StoredJail> jails = new ArrayList<>(JailResolver.many(session.store(), targets));
        java.util.Comparator<StoredJail> byPriority = java.util.Comparator.comparingInt(StartStopVerb::priority)
                .thenComparing(StoredJail::name);
        jails.sort(forStop ? byPriority.reversed() : byPriority);
        return jails.stream().map(StoredJail::name).toList();
    }

    private static int priority(StoredJail jail) {
        try {
            return jail.isCorrupt() ? 99 : Integer.parseInt(jail.property("priority"));
        } catch (NumberFormatException e) {
            return 99;
        }
    }

    public Outcome stop(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        Plan plan = new Plan(jail.name(), jail.name());
        if (!RunStates.planningOnly(session) && !RunStates.of(session, jail).up()) {
            plan.notice(jail.name() + " is not running");
            return new Applier(session).apply(plan, "");
        }
        plan.add(stopStep(jail));
        return new Applier(session).apply(plan, jail.name() + ": down");
    }

    Step stopStep(StoredJail jail) {
        RuntimeProvider runtime = session.registry().require(ProviderKind.RUNTIME, RuntimeProvider.class);
        return Step.run("stop " + jail.name() + " (" + runtime.id() + ")", "asked for", ctx -> {
            if (needsNetwork(jail)) {
                session.registry().choose(ProviderKind.NETWORK, NetworkProvider.class)
                        .ifPresent(network -> network.detach(jail.ref(), ctx.providers()));
            }
            runtime.stop(jail.ref(), ctx.providers());
        });
    }

    public List<Outcome> restart(String target) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(stop(target));
        outcomes.addAll(start(target));
        return outcomes;
    }
}
