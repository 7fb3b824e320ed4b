package org.jailsh.verbs;

import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.Fstab;
import org.jailsh.store.StoredJail;

/**
 * {@code fstab -a NAME SRC DST [ro|rw]}, {@code fstab -r NAME DST}, {@code fstab -l NAME}. Changes need the jail
 * stopped (seed); removing a mount leaves its data where it was.
 */
public final class FstabVerb {

    private final Session session;

    public FstabVerb(Session session) {
        this.session = session;
    }

    public List<MountEntry> list(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        return session.store().fstab(jail).entries();
    }

    public Outcome add(String target, String source, String destination, boolean readOnly) {
        String name = JailResolver.one(session.store(), target).name();
        Applier applier = new Applier(session);
        return applier.locked(name, "fstab", () -> {
            Plan plan = plan(session.store().load(name), List.of(MountRules.entry(source, destination, readOnly)));
            return applier.apply(plan, name + ": mount " + destination + " added");
        });
    }

    /**
     * The plan for adding or changing mounts; each step writes the fstab with every mount up to its own, so the
     * steps build on each other. Empty when the jail already has exactly those mounts.
     */
    public Plan plan(StoredJail jail, List<MountEntry> wanted) {
        SetVerb.requireReadable(jail);
        List<java.nio.file.Path> layers = RootLayers.of(session, jail);
        Fstab fstab = session.store().fstab(jail);
        Plan plan = new Plan(jail.name(), jail.name());
        for (MountEntry asked : wanted) {
            MountEntry mount = MountRules.check(jail, asked, layers);
            if (fstab.entries().contains(mount)) {
                continue;
            }
            refuseWhileRunning(jail);
            boolean replaces = fstab.entries().stream().anyMatch(e -> e.destination().equals(mount.destination()));
            fstab = fstab.with(mount);
            Fstab updated = fstab;
            String title = "fstab " + mount.source() + " -> " + mount.destination() + " (" + mount.options() + ")";
            Step.Action action = ctx -> {
                MountRules.ensureSource(ctx, mount);
                ctx.writeFstab(updated, jail.fstabFile());
            };
            plan.add(replaces ? Step.change(title, "options differ", action)
                    : Step.create(title, "not mounted yet", action));
        }
        return plan;
    }

    public Outcome remove(String target, String destination) {
        String name = JailResolver.one(session.store(), target).name();
        Applier applier = new Applier(session);
        return applier.locked(name, "fstab", () -> {
            StoredJail jail = session.store().load(name);
            SetVerb.requireReadable(jail);
            Fstab updated = session.store().fstab(jail).without(destination);
            refuseWhileRunning(jail);
            Plan plan = new Plan(jail.name(), jail.name());
            plan.add(Step.remove("fstab " + destination, "asked for; the data stays where it is",
                    ctx -> ctx.writeFstab(updated, jail.fstabFile())));
            return applier.apply(plan, jail.name() + ": mount " + destination + " removed");
        });
    }

    private void refuseWhileRunning(StoredJail jail) {
        if (RunStates.of(session, jail).up()) {
            throw new ValidationException("mounts of " + jail.name() + " cannot change while it is up",
                    "stop " + jail.name() + " first (stop " + jail.name() + ")");
        }
    }
}
