package org.jailsh.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered steps one command or DSL block needs, for one subject (a jail, a release). An empty plan means
 * "up to date". {@code undo} runs when a step fails part-way, so a failed create leaves no half-made jail.
 */
public final class Plan {

    private final String subject;
    private final String lockName;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private Step.Action undo;

    public Plan(String subject, String lockName) {
        this.subject = subject;
        this.lockName = lockName;
    }

    public String subject() {
        return subject;
    }

    /** The jail whose lock is held while the plan is applied, or null. */
    public String lockName() {
        return lockName;
    }

    public Plan add(Step step) {
        steps.add(step);
        return this;
    }

    public Plan notice(String message) {
        notices.add(message);
        return this;
    }

    public Plan onFailure(Step.Action action) {
        undo = action;
        return this;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public List<String> notices() {
        return List.copyOf(notices);
    }

    public Step.Action undo() {
        return undo;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
