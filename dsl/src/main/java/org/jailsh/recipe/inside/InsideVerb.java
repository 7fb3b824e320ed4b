package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.api.Jails;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.recipe.Secrets;

/**
 * Runs the actions of an {@code inside(jail) { … }} block: finds out what runs in the jail, refuses what cannot work
 * there before anything changes, then checks and (only when needed) applies each action in order. Each change goes
 * through the {@link Applier}, so it is locked and logged; an action that finds nothing to do is shown as
 * {@code = … # unchanged}. In a dry run nothing is asked of the jail: every action is shown with its condition and
 * the commands the jail would run.
 */
public final class InsideVerb {

    private final Jails jails;
    private final Secrets secrets;

    public InsideVerb(Jails jails, Secrets secrets) {
        this.jails = jails;
        this.secrets = secrets;
    }

    /** What runs in the jail: asked of the running jail, or for a dry run guessed from its release. */
    public GuestOs os(String jail, String release) {
        return jails.session().dryRun() ? GuestOs.fromRelease(jails.session().facts().platform(), release)
                : GuestOs.probe(Guest.live(jails, jail));
    }

    public Outcome apply(String jail, GuestOs os, List<GuestAction> actions) {
        return jails.session().dryRun() ? plan(jail, os, actions) : run(jail, os, actions);
    }

    private Outcome run(String jail, GuestOs os, List<GuestAction> actions) {
        Guest guest = Guest.live(jails, jail);
        actions.forEach(a -> a.validate(os, jail));
        List<Outcome.StepOutcome> steps = new ArrayList<>();
        int changed = 0;
        for (GuestAction action : actions) {
            GuestAction.Check check = action.check(os, guest, changed > 0);
            if (check.satisfied()) {
                steps.add(new Outcome.StepOutcome("=", action.title(), "unchanged", List.of()));
                continue;
            }
            Plan plan = new Plan(jail, jail).add(new Step(action.mark(), action.title(), check.why(),
                    ctx -> action.apply(os, guest)));
            steps.addAll(new Applier(jails.session()).apply(plan, "").steps());
            changed++;
        }
        int unchanged = actions.size() - changed;
        String summary = changed == 0 ? jail + ": inside up to date (" + unchanged + " unchanged)"
                : jail + ": inside " + changed + " changed, " + unchanged + " unchanged";
        return new Outcome(jail, false, steps, List.of(), summary);
    }

    private Outcome plan(String jail, GuestOs os, List<GuestAction> actions) {
        actions.forEach(a -> a.validate(os, jail));
        Guest.Planned guest = Guest.planned(jail, secrets);
        Plan plan = new Plan(jail, jail);
        for (GuestAction action : actions) {
            plan.add(new Step(action.mark(), action.title(), action.condition() + " (" + os.label() + ")", ctx -> {
                action.apply(os, guest);
                guest.drain().forEach(line -> ctx.note("in " + jail + ": " + line));
            }));
        }
        Outcome planned = new Applier(jails.session()).apply(plan, "");
        return new Outcome(jail, true, planned.steps(), List.of(), jail + ": plan only, nothing changed");
    }
}
