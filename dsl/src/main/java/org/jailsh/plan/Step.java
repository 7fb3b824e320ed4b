package org.jailsh.plan;

/**
 * One change the applier will make, and why. {@code mark} is {@code +} (create), {@code ~} (change), {@code -}
 * (remove), {@code >} (run) or {@code !} (cannot be done here: shown in plans, fatal when applied).
 */
public record Step(String mark, String title, String why, Action action) {

    @FunctionalInterface
    public interface Action {
        void apply(ApplyContext ctx);
    }

    public static Step create(String title, String why, Action action) {
        return new Step("+", title, why, action);
    }

    public static Step change(String title, String why, Action action) {
        return new Step("~", title, why, action);
    }

    public static Step remove(String title, String why, Action action) {
        return new Step("-", title, why, action);
    }

    public static Step run(String title, String why, Action action) {
        return new Step(">", title, why, action);
    }

    /** A step no provider can carry out here: the plan shows it; applying it fails with {@code problem}. */
    public static Step impossible(String title, RuntimeException problem) {
        String why = problem instanceof org.jailsh.spi.JailshException j ? j.userMessage() : problem.getMessage();
        return new Step("!", title, why, ctx -> {
            throw problem;
        });
    }
}
