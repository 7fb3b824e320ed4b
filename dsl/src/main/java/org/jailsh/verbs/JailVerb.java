package org.jailsh.verbs;

import java.util.Map;
import java.util.Optional;

import org.jailsh.api.Session;
import org.jailsh.model.JailType;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/**
 * The declarative verb behind {@code jail('web') { … }}: creates the jail when missing, changes what differs, and
 * reports "up to date" when it already matches, so a recipe can be run again safely.
 */
public final class JailVerb {

    private final Session session;

    public JailVerb(Session session) {
        this.session = session;
    }

    public Outcome apply(JailSpec spec) {
        Plan plan = plan(spec);
        boolean exists = session.store().find(spec.name()).isPresent();
        int steps = plan.steps().size();
        return new Applier(session).apply(plan, spec.name() + ": " + (exists ? "updated (" + steps + " step"
                + (steps == 1 ? "" : "s") + ")" : "created"));
    }

    public Plan plan(JailSpec spec) {
        Optional<StoredJail> found = session.store().find(spec.name());
        if (found.isEmpty()) {
            return new CreateVerb(session).plan(new CreateRequest(spec.name(), spec.release(), spec.template(),
                    spec.type() == null ? JailType.CLONE : spec.type(), false, spec.properties(), spec.mounts()));
        }
        StoredJail jail = found.get();
        SetVerb.requireReadable(jail);
        checkUnchangeable(jail, spec);
        Plan plan = new Plan(jail.name(), jail.name());
        Plan properties = new SetVerb(session).plan(jail, spec.properties());
        properties.notices().forEach(plan::notice);
        properties.steps().forEach(plan::add);
        new FstabVerb(session).plan(jail, spec.mounts()).steps().forEach(plan::add);
        return plan;
    }

    private void checkUnchangeable(StoredJail jail, JailSpec spec) {
        Map<String, Object> own = jail.own();
        if (spec.release() != null) {
            String wanted = new FetchVerb(session).normalise(spec.release());
            Object cloned = own.getOrDefault("cloned_release", own.get("release"));
            String current = String.valueOf(cloned);
            if (!current.equals(wanted) && !String.valueOf(own.get("release")).startsWith(wanted + "-p")) {
                throw new ValidationException(jail.name() + " is on release " + current + ", not " + wanted,
                        "a jail's release changes only by 'upgrade " + jail.name() + " -r " + wanted + "'");
            }
        }
        if (spec.template() != null && !spec.template().equals(own.get("source_template"))) {
            throw new ValidationException(jail.name() + " was not created from template " + spec.template(),
                    "destroy and recreate it, or drop 'from' from the block");
        }
        if (spec.type() == JailType.BASEJAIL && !"1".equals(String.valueOf(own.get("basejail")))) {
            throw new ValidationException(jail.name() + " exists and is not a basejail",
                    "the type is chosen at create; destroy and recreate it as a basejail");
        }
    }
}
