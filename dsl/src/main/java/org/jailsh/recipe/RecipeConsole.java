package org.jailsh.recipe;

import java.util.List;

import org.jailsh.dsl.Console;
import org.jailsh.plan.Outcome;

/**
 * The console a recipe prints to: every line and outcome with the run's secrets masked, and the changes counted, so
 * the recipe can end with "up to date" when nothing changed.
 */
final class RecipeConsole implements Console {

    private final Console delegate;
    private final Secrets secrets;
    private int changes;

    RecipeConsole(Console delegate, Secrets secrets) {
        this.delegate = delegate;
        this.secrets = secrets;
    }

    int changes() {
        return changes;
    }

    @Override
    public void outcome(Outcome outcome) {
        if (!outcome.dryRun()) {
            changes += (int) outcome.steps().stream().filter(s -> !s.mark().equals("=")).count();
        }
        delegate.outcome(mask(outcome));
    }

    private Outcome mask(Outcome o) {
        List<Outcome.StepOutcome> steps = o.steps().stream().map(s -> new Outcome.StepOutcome(s.mark(),
                secrets.mask(s.title()), secrets.mask(s.why()), s.commands().stream().map(secrets::mask).toList()))
                .toList();
        return new Outcome(o.subject(), o.dryRun(), steps, o.notices().stream().map(secrets::mask).toList(),
                secrets.mask(o.summary()));
    }

    @Override
    public void line(String text) {
        delegate.line(secrets.mask(text));
    }

    @Override
    public void raw(String text) {
        delegate.raw(secrets.mask(text));
    }

    @Override
    public boolean confirm(String question) {
        return delegate.confirm(secrets.mask(question));
    }
}
