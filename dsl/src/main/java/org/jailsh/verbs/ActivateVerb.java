package org.jailsh.verbs;

import org.jailsh.api.Session;
import org.jailsh.model.ValueChecks;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.ProviderUnavailableException;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;

/** {@code activate POOL}: hands the pool choice to a storage provider with pools (zfs). */
public final class ActivateVerb {

    private final Session session;

    public ActivateVerb(Session session) {
        this.session = session;
    }

    public Outcome activate(String pool) {
        if (pool == null || !pool.matches("[A-Za-z][A-Za-z0-9_.:-]{0,255}")) {
            throw new ValidationException("'" + ValueChecks.printable(String.valueOf(pool)) + "' is not a pool name",
                    "e.g. activate tank");
        }
        StorageProvider storage = session.registry().usable(ProviderKind.STORAGE, StorageProvider.class).stream()
                .filter(s -> s.capabilities().contains("pools")).findFirst()
                .orElseThrow(() -> new ProviderUnavailableException("no storage provider with pools for the "
                        + session.facts().platform().id() + " profile yet",
                        "activate needs the zfs provider and a ZFS pool; see 'providers'"));
        Plan plan = new Plan(pool, null);
        plan.add(Step.change("activate pool " + pool + " (" + storage.id() + ")", "jails will live on it",
                ctx -> storage.activate(pool, ctx.providers())));
        return new Applier(session).apply(plan, pool + ": active");
    }
}
