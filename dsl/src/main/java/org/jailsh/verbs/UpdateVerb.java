package org.jailsh.verbs;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jailsh.api.Session;
import org.jailsh.model.ValueChecks;
import org.jailsh.plan.ApplyContext;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.ProviderUnavailableException;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.UpdateProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.JailLock;
import org.jailsh.store.StoredJail;

/**
 * {@code update NAME} (patches within the release) and {@code upgrade NAME -r REL} (only while the jail is stopped): a
 * snapshot first, a rollback to it with a clear report when the update fails, and afterwards the release the provider
 * finds installed recorded in config.json.
 */
public final class UpdateVerb {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH.mm.ss");

    private final Session session;

    public UpdateVerb(Session session) {
        this.session = session;
    }

    public Outcome update(String target) {
        return run(target, "update", null);
    }

    public Outcome upgrade(String target, String release) {
        return run(target, "upgrade", new FetchVerb(session).normalise(release));
    }

    private Outcome run(String target, String verb, String release) {
        StoredJail jail = JailResolver.one(session.store(), target);
        SetVerb.requireReadable(jail);
        JailRef ref = jail.ref();
        UpdateProvider updater = session.registry().usable(ProviderKind.UPDATE, UpdateProvider.class).stream()
                .filter(u -> u.handles(ref)).findFirst()
                .orElseThrow(() -> new ProviderUnavailableException("no update provider of the "
                        + session.facts().platform().id() + " profile can " + verb + " " + jail.name()
                        + " (release " + jail.property("release") + ")", "see 'providers'"));
        StorageProvider storage = JailStorage.require(session, jail);
        if (release != null && RunStates.of(session, jail).up()) {
            throw new ValidationException(jail.name() + " is up; upgrade needs it stopped",
                    "stop " + jail.name() + " first: the upgrade replaces its system, and a failed one is rolled "
                            + "back to a snapshot");
        }
        String snapshot = unique(storage.snapshots(ref, session.providerContext()),
                "ioc_" + verb + "_" + STAMP.format(LocalDateTime.now()));
        AtomicReference<String> report = new AtomicReference<>("");
        Plan plan = new Plan(jail.name(), jail.name());
        plan.add(Step.create("snapshot " + jail.name() + "@" + snapshot, "to roll back to if the " + verb + " fails",
                ctx -> storage.snapshot(ref, snapshot, ctx.providers())));
        plan.add(Step.run(verb + " " + jail.name() + " (" + updater.id() + ")",
                release == null ? "patches within " + jail.property("release") : "to " + release, ctx -> {
                    try {
                        report.set(release == null ? updater.update(ref, ctx.providers())
                                : updater.upgrade(ref, release, ctx.providers()));
                    } catch (RuntimeException e) {
                        storage.rollback(ref, snapshot, ctx.providers());
                        throw new org.jailsh.spi.JailshException(jail.name() + ": " + verb + " failed and was "
                                + "rolled back to " + snapshot + ": " + e.getMessage(), "see the log for its output", e);
                    }
                }));
        plan.add(Step.change("record the release " + jail.name() + " is on", "config.json keeps it, as iocage does",
                ctx -> restamp(jail.name(), updater, release, ctx)));
        // a report that already names the jail (freebsd-update's "web: 13.2-RELEASE -> 13.2-RELEASE-p4") is not
        // prefixed twice
        return new Applier(session).apply(plan, () -> report.get().startsWith(jail.name() + ": ") ? report.get()
                : jail.name() + ": " + report.get());
    }

    /** The snapshot name, with {@code _2}, {@code _3}… when an earlier run in the same second left one. */
    static String unique(List<String> existing, String name) {
        String candidate = name;
        for (int n = 2; existing.contains(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    /**
     * Writes the release the provider finds installed into config.json ({@code 13.2-RELEASE-p4} after an update,
     * {@code 13.3-RELEASE} after an upgrade). A basejail's update patched the release it shares (iocage.md §5), so
     * every other basejail whose system now reads differently is re-stamped too, each under its own lock.
     */
    private void restamp(String name, UpdateProvider updater, String upgradedTo, ApplyContext ctx) {
        StoredJail jail = session.store().load(name);
        JailRef asked = jail.ref();
        if (upgradedTo != null) {
            Map<String, Object> props = new HashMap<>(asked.properties());
            props.put("release", upgradedTo);
            asked = new JailRef(asked.name(), asked.dir(), asked.root(), props);
        }
        record(jail, updater.installedRelease(asked, ctx.providers()), ctx);
        if (upgradedTo != null || !ValueChecks.isYes(jail.effective().get("basejail"))) {
            return;
        }
        for (StoredJail other : session.store().list()) {
            if (other.name().equals(name) || other.isCorrupt() || other.template()
                    || !ValueChecks.isYes(other.effective().get("basejail")) || !updater.handles(other.ref())) {
                continue;
            }
            String installed = updater.installedRelease(other.ref(), ctx.providers());
            if (installed != null && !installed.isBlank() && !installed.equals(other.property("release"))) {
                try (JailLock lock = session.store().lock(other.name(), "jailsh update " + name)) {
                    record(session.store().load(other.name()), installed, ctx);
                }
            }
        }
    }

    private static void record(StoredJail jail, String installed, ApplyContext ctx) {
        if (installed == null || installed.isBlank() || installed.equals(jail.own().get("release"))) {
            return;
        }
        Map<String, Object> own = new TreeMap<>(jail.own());
        own.put("release", installed);
        ctx.writeConfig(jail.dir(), own);
    }
}
