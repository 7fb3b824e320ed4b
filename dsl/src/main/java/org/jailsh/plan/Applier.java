package org.jailsh.plan;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.api.Session;
import org.jailsh.spi.exec.DryRunHostExec;
import org.jailsh.store.JailLock;

/**
 * The only code that carries out steps, so every change is locked, logged and (in a dry run) merely shown.
 */
public final class Applier {

    private final Session session;

    public Applier(Session session) {
        this.session = session;
    }

    public Outcome apply(Plan plan, String doneSummary) {
        return apply(plan, () -> doneSummary);
    }

    /** Applies the plan; {@code doneSummary} is asked after the last step, so it can report what happened. */
    public Outcome apply(Plan plan, java.util.function.Supplier<String> doneSummary) {
        if (plan.isEmpty()) {
            return new Outcome(plan.subject(), session.dryRun(), List.of(), plan.notices(),
                    plan.subject() + ": up to date");
        }
        if (!session.dryRun()) {
            session.store().ensureLayout();
        }
        try (JailLock lock = lockFor(plan)) {
            return run(plan, doneSummary);
        }
    }

    private JailLock lockFor(Plan plan) {
        if (plan.lockName() == null || session.dryRun()) {
            return null;
        }
        String verb = plan.steps().get(0).title().split(" ", 2)[0];
        return session.store().lock(plan.lockName(), "jailsh " + verb + " " + plan.subject());
    }

    /**
     * Runs {@code work} (read the jail, plan, apply) holding the jail's lock, so a read-modify-write of its config or
     * fstab cannot lose another process's change made between the read and the write. Not locked in a dry run,
     * which must not touch the state root; the applier's own lock inside is the same one, taken again.
     */
    public <T> T locked(String jail, String verb, java.util.function.Supplier<T> work) {
        if (session.dryRun()) {
            return work.get();
        }
        // no ensureLayout here: a change refused while planning must leave iocage's files as they were
        try (JailLock lock = session.store().lock(jail, "jailsh " + verb + " " + jail)) {
            return work.get();
        }
    }

    private Outcome run(Plan plan, java.util.function.Supplier<String> doneSummary) {
        List<Outcome.StepOutcome> done = new ArrayList<>();
        for (Step step : plan.steps()) {
            List<String> lines = new ArrayList<>();
            ApplyContext ctx = new ApplyContext(session, lines::add);
            if (!session.dryRun()) {
                session.log().info(plan.subject() + ": " + step.mark() + " " + step.title());
            }
            try {
                step.action().apply(ctx);
            } catch (RuntimeException e) {
                if (session.dryRun() && step.mark().equals("!")) {
                    done.add(new Outcome.StepOutcome(step.mark(), step.title(), step.why(), List.of()));
                    continue;
                }
                session.log().write("ERROR", plan.subject() + ": " + step.title() + " failed: " + e.getMessage());
                undo(plan);
                throw e;
            }
            if (session.exec() instanceof DryRunHostExec dry) {
                lines.addAll(0, dry.drain());
            }
            done.add(new Outcome.StepOutcome(step.mark(), step.title(), step.why(), lines));
        }
        String summary = session.dryRun() ? plan.subject() + ": plan only, nothing changed" : doneSummary.get();
        return new Outcome(plan.subject(), session.dryRun(), done, plan.notices(), summary);
    }

    private void undo(Plan plan) {
        if (plan.undo() == null || session.dryRun()) {
            return;
        }
        try {
            plan.undo().apply(new ApplyContext(session, line -> { }));
        } catch (RuntimeException e) {
            session.reporter().warn(plan.subject() + ": could not undo the failed change: " + e.getMessage());
        }
    }
}
