package org.jailsh.recipe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;

import org.jailsh.api.Jails;
import org.jailsh.dsl.DslVerbs;
import org.jailsh.dsl.JailContext;
import org.jailsh.dsl.JailHandle;
import org.jailsh.plan.Outcome;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.store.StoredJail;
import org.jailsh.verbs.JailSpec;

/**
 * The verbs of a recipe: the REPL's, plus what a run needs to know. Each jail the recipe declares is "touched": its
 * recorded recipe is checked before anything changes, and the recipe is recorded on it at the end. In a dry run a
 * jail the recipe only planned cannot be asked anything, so the verbs that use one show a planned step instead of
 * failing, and the whole recipe can be read as a plan.
 */
final class RecipeVerbs extends DslVerbs {

    private final RecipeRun run;
    private final RecipeConsole console;

    RecipeVerbs(Jails jails, RecipeConsole console, RecipeRun run) {
        super(jails, console);
        this.run = run;
        this.console = console;
    }

    private boolean dryRun() {
        return facade().session().dryRun();
    }

    Optional<StoredJail> stored(String name) {
        return facade().session().store().find(name);
    }

    @Override
    public JailHandle jail(String name,
                           @DelegatesTo(value = JailContext.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        run.touch(name);
        JailSpec spec = spec(name, body);
        if (dryRun() && stored(name).isEmpty()) {
            String template = spec.template();
            if (template != null && run.planned(template)) {
                run.plan(name, run.plannedRelease(template));
                show(planned(name, "+", "create " + name + " (clone of template " + template + ")",
                        template + " is only planned in this dry run"));
                return handle(name);
            }
            String release = spec.release() != null ? spec.release()
                    : template != null ? stored(template).map(j -> j.property("release")).orElse(null) : null;
            run.plan(name, release);
        }
        return super.jail(name, body);
    }

    private static JailSpec spec(String name, Closure<?> body) {
        JailContext context = new JailContext(name);
        if (body != null) {
            Closure<?> copy = (Closure<?>) body.clone();
            copy.setResolveStrategy(Closure.DELEGATE_FIRST);
            copy.setDelegate(context);
            copy.call(context);
        }
        return context.toSpec();
    }

    @Override
    public JailHandle jail(String name) {
        return run.planned(name) ? handle(name) : super.jail(name);
    }

    @Override
    public JailHandle create(Map<String, ?> args) {
        String name = String.valueOf(args.get("name"));
        run.touch(name);
        Object template = args.get("template");
        if (dryRun() && template != null && run.planned(String.valueOf(template))) {
            run.plan(name, run.plannedRelease(String.valueOf(template)));
            show(planned(name, "+", "create " + name + " (clone of template " + template + ")",
                    template + " is only planned in this dry run"));
            return handle(name);
        }
        if (dryRun() && stored(name).isEmpty()) {
            run.plan(name, args.get("release") == null ? null : String.valueOf(args.get("release")));
        }
        return super.create(args);
    }

    @Override
    public void start(Object... targets) {
        each(targets, "start", t -> super.start(t));
    }

    @Override
    public void stop(Object... targets) {
        each(targets, "stop", t -> super.stop(t));
    }

    @Override
    public void restart(Object... targets) {
        each(targets, "restart", t -> super.restart(t));
    }

    private void each(Object[] targets, String verb, Consumer<Object> real) {
        for (Object target : targets) {
            String name = String.valueOf(target);
            if (run.planned(name)) {
                show(planned(name, ">", verb + " " + name, name + " is only planned in this dry run"));
            } else {
                real.accept(target);
            }
        }
    }

    @Override
    public void set(Map<String, ?> values, Object jail) {
        String name = String.valueOf(jail);
        if (!run.planned(name)) {
            super.set(values, jail);
            return;
        }
        values.forEach((k, v) -> {
            if (k.equals("template")) {
                run.plannedTemplate(name);
            }
        });
        show(planned(name, "~", "set " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")), name + " is only planned in this dry run"));
    }

    @Override
    public void set(String assignment, Object jail) {
        String[] kv = assignment.split("=", 2);
        if (run.planned(String.valueOf(jail)) && kv.length == 2) {
            set(Map.of(kv[0], kv[1]), jail);
        } else {
            super.set(assignment, jail);
        }
    }

    @Override
    public Object get(String property, Object jail) {
        String name = String.valueOf(jail);
        if (run.planned(name)) {
            return property.equals("template") ? (run.plannedAsTemplate(name) ? 1 : 0) : null;
        }
        return super.get(property, jail);
    }

    @Override
    public ExecResult exec(Object jail, String... argv) {
        String name = String.valueOf(jail);
        if (run.planned(name)) {
            show(planned(name, ">", "exec " + String.join(" ", argv), name + " is only planned in this dry run"));
            return new ExecResult(Command.of(argv), 0, "", "");
        }
        return super.exec(jail, argv);
    }

    @Override
    public void destroy(Map<String, ?> options, Object jail) {
        String name = String.valueOf(jail);
        if (run.planned(name)) {
            show(planned(name, "-", "destroy " + name, name + " is only planned in this dry run"));
            return;
        }
        super.destroy(options, jail);
    }

    /** A line from the recipe ({@code println}), secrets masked. */
    void say(String text) {
        console.line(text);
    }

    /** True when the jail exists, or (in a dry run) the recipe planned it. */
    boolean exists(String name) {
        return run.planned(name) || stored(name).isPresent();
    }

    /** True when the jail is a template (or a dry run planned it to become one). */
    boolean isTemplate(String name) {
        if (run.planned(name)) {
            return run.plannedAsTemplate(name);
        }
        return stored(name).map(j -> j.template() || "1".equals(j.property("template"))).orElse(false);
    }

    static Outcome planned(String subject, String mark, String title, String why) {
        return new Outcome(subject, true, List.of(new Outcome.StepOutcome(mark, title, why, List.of())), List.of(),
                subject + ": plan only, nothing changed");
    }

    /** What a planned or stored jail's release is, for choosing the in-jail commands of a plan. */
    String releaseOf(String name) {
        if (run.planned(name)) {
            return run.plannedRelease(name);
        }
        return stored(name).map(j -> j.property("release")).orElse(null);
    }
}
