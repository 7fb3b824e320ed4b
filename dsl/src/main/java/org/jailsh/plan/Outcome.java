package org.jailsh.plan;

import java.util.List;

/**
 * What applying a plan did (or, in a dry run, would do): each step with the host commands it ran, and a summary such
 * as "web: created" or "web: up to date".
 */
public record Outcome(String subject, boolean dryRun, List<StepOutcome> steps, List<String> notices, String summary) {

    public record StepOutcome(String mark, String title, String why, List<String> commands) {
    }

    /** Nothing was (or would be) changed: no steps, or only steps that found nothing to do ({@code =}). */
    public boolean upToDate() {
        return steps.stream().allMatch(s -> s.mark().equals("="));
    }
}
