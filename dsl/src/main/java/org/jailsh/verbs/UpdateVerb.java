package org.jailsh.verbs;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;

import org.jailsh.api.Session;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.ProviderUnavailableException;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.UpdateProvider;
import org.jailsh.store.StoredJail;

/**
 * {@code update NAME} (patches within the release) and {@code upgrade NAME -r REL}: a snapshot first, and a rollback
 * to it with a clear report when the update fails.
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
        StorageProvider storage = session.registry().require(ProviderKind.STORAGE, StorageProvider.class);
        String snapshot = "ioc_" + verb + "_" + STAMP.format(LocalDateTime.now());
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
        return new Applier(session).apply(plan, () -> jail.name() + ": " + report.get());
    }
}
