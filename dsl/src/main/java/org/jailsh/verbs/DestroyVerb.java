package org.jailsh.verbs;

import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.plan.ApplyContext;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.PendingChanges;
import org.jailsh.store.StoredJail;

/** {@code destroy [-f] NAME}: stops the jail, then removes it, its data and its snapshots — that jail only. */
public final class DestroyVerb {

    private final Session session;

    public DestroyVerb(Session session) {
        this.session = session;
    }

    /** What will be lost, for the question the shell asks before destroying. */
    public String warning(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        int snapshots = snapshots(jail).size();
        return "This deletes " + jail.name() + ", all of its data and its " + snapshots + " snapshot"
                + (snapshots == 1 ? "" : "s") + ". There is no way to recover them.";
    }

    public Outcome destroy(String target) {
        String name = JailResolver.one(session.store(), target).name();
        Applier applier = new Applier(session);
        return applier.locked(name, "destroy", () -> destroy(session.store().load(name), applier));
    }

    private Outcome destroy(StoredJail jail, Applier applier) {
        List<String> dependants = session.store().list().stream()
                .filter(j -> jail.template() && jail.name().equals(j.own().get("source_template")))
                .map(StoredJail::name).toList();
        if (!dependants.isEmpty()) {
            throw new ValidationException(jail.name() + " is the template of " + String.join(", ", dependants),
                    "destroy those jails first");
        }
        Plan plan = new Plan(jail.name(), jail.name());
        if (RunStates.planningOnly(session) || RunStates.of(session, jail).up()) {
            plan.add(new StartStopVerb(session).stopStep(jail));
        }
        plan.add(Step.remove("destroy " + jail.name(), "its data and snapshots go with it", ctx -> removeAll(jail, ctx)));
        return applier.apply(plan, jail.name() + ": destroyed");
    }

    private List<String> snapshots(StoredJail jail) {
        return session.registry().choose(ProviderKind.STORAGE, StorageProvider.class)
                .map(s -> s.snapshots(jail.ref(), session.providerContext())).orElse(List.of());
    }

    /**
     * Storage first (it knows about mounts and datasets), then whatever is left of the jail's directory. The jail is
     * marked as being destroyed before anything goes, so a jailsh killed part-way leaves it listed as incomplete,
     * never as a jail that looks whole but has lost files.
     */
    void removeAll(StoredJail jail, ApplyContext ctx) {
        PendingChanges pending = session.store().pending();
        if (!ctx.dryRun()) {
            pending.mark(jail.name(), PendingChanges.DESTROY);
        }
        try {
            JailStorage.of(session, jail).ifPresent(storage -> storage.destroy(jail.ref(), ctx.providers()));
        } catch (ValidationException refused) {
            // refused before removing anything (still running, still mounted): the jail is as whole as it was
            if (!ctx.dryRun() && !jail.isIncomplete()) {
                pending.clear(jail.name());
            }
            throw refused;
        }
        ctx.note("rm -r " + jail.dir());
        if (!ctx.dryRun()) {
            SafeDelete.tree(jail.dir());
            pending.clear(jail.name());
        }
    }
}
