package org.jailsh.verbs;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/** {@code snapshot NAME [-n SNAP]}, {@code rollback NAME -n SNAP}, {@code snaplist NAME}: the jail's own data only. */
public final class SnapshotVerb {

    private static final DateTimeFormatter AUTO = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH.mm.ss");

    private final Session session;

    public SnapshotVerb(Session session) {
        this.session = session;
    }

    public Outcome snapshot(String target, String snapshot) {
        String jailName = JailResolver.one(session.store(), target).name();
        String name = snapshot == null || snapshot.isBlank() ? AUTO.format(LocalDateTime.now()) : snapshot;
        checkName(name);
        StorageProvider storage = storage();
        Applier applier = new Applier(session);
        return applier.locked(jailName, "snapshot", () -> {
            StoredJail jail = session.store().load(jailName);
            SetVerb.requireReadable(jail);
            JailStorage.check(storage, jail.name(), jail.dir());
            if (storage.snapshots(jail.ref(), session.providerContext()).contains(name)) {
                throw new ValidationException(jail.name() + " already has a snapshot named " + name,
                        "choose another name (-n NAME)");
            }
            Plan plan = new Plan(jail.name(), jail.name());
            plan.add(Step.create("snapshot " + jail.name() + "@" + name, "asked for",
                    ctx -> storage.snapshot(jail.ref(), name, ctx.providers())));
            return applier.apply(plan, jail.name() + "@" + name + ": created");
        });
    }

    public Outcome rollback(String target, String snapshot) {
        StoredJail jail = JailResolver.one(session.store(), target);
        StorageProvider storage = storage();
        JailStorage.check(storage, jail.name(), jail.dir());
        if (!storage.snapshots(jail.ref(), session.providerContext()).contains(snapshot)) {
            throw new ValidationException(jail.name() + " has no snapshot named " + snapshot,
                    "see its snapshots with 'snaplist " + jail.name() + "'");
        }
        if (RunStates.of(session, jail).up()) {
            throw new ValidationException(jail.name() + " is up; rollback needs it stopped",
                    "stop " + jail.name() + " first");
        }
        Plan plan = new Plan(jail.name(), jail.name());
        plan.add(Step.change("rollback " + jail.name() + " to " + snapshot, "asked for",
                ctx -> storage.rollback(jail.ref(), snapshot, ctx.providers())));
        return new Applier(session).apply(plan, jail.name() + ": rolled back to " + snapshot);
    }

    public List<String> list(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        return storage().snapshots(jail.ref(), session.providerContext());
    }

    private StorageProvider storage() {
        return session.registry().require(ProviderKind.STORAGE, StorageProvider.class);
    }

    static void checkName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new ValidationException("'" + name + "' is not a snapshot name",
                    "use letters, digits, '.', '_', ':' and '-'");
        }
    }
}
