package org.jailsh.recipe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import groovy.lang.Closure;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;

import org.jailsh.api.Jails;
import org.jailsh.dsl.JailBinding;
import org.jailsh.recipe.inside.GuestOs;
import org.jailsh.recipe.inside.InsideContext;
import org.jailsh.recipe.inside.InsideVerb;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/**
 * One run of a recipe, includes and all: its secrets, the jails it touched (checked against what configured them
 * before, recorded at the end), the jails a dry run only planned, and the include stack.
 */
final class RecipeRun {

    private final Recipe top;
    private final RecipeCatalog catalog;
    private final RecipeParams checks;
    private final RecipeCompiler compiler;
    private final Secrets secrets;
    private final boolean force;
    private final Jails jails;
    private final RecipeConsole console;
    private final RecipeVerbs verbs;
    private final Set<String> touched = new LinkedHashSet<>();
    private final Map<String, String> planned = new HashMap<>();
    private final Set<String> plannedTemplates = new HashSet<>();
    private final Deque<String> stack = new ArrayDeque<>();

    RecipeRun(Recipe top, RecipeCatalog catalog, Jails jails, RecipeConsole console, Secrets secrets, boolean force) {
        this.top = top;
        this.catalog = catalog;
        this.compiler = new RecipeCompiler();
        this.checks = new RecipeParams(catalog, compiler);
        this.secrets = secrets;
        this.force = force;
        this.jails = jails;
        this.console = console;
        this.verbs = new RecipeVerbs(jails, console, this);
    }

    Secrets secrets() {
        return secrets;
    }

    RecipeParams checks() {
        return checks;
    }

    RecipeVerbs verbs() {
        return verbs;
    }

    Set<String> touched() {
        return touched;
    }

    /** Runs a recipe's script with these parameters (the top recipe, or an include). */
    void execute(Recipe recipe, Map<String, ?> given) {
        if (stack.contains(recipe.name())) {
            List<String> order = new ArrayList<>(stack);
            Collections.reverse(order);
            throw new ValidationException("include cycle: " + String.join(" -> ", order) + " -> " + recipe.name(),
                    "remove one of these includes");
        }
        stack.push(recipe.name());
        try {
            RecipeFrame frame = new RecipeFrame(recipe, checks.declarations(recipe), given, this);
            JailBinding binding = new JailBinding(verbs);
            binding.setVariable(RecipeScript.FRAME, frame);
            frame.bind(binding);
            Script script = InvokerHelper.createScript(compiler.compile(recipe), binding);
            script.run();
        } finally {
            stack.pop();
        }
    }

    /** {@code include 'other', key: value}: checked like a top-level run, then run in this one. */
    void include(String name, Map<String, ?> given) {
        Recipe recipe = catalog.require(name);
        RecipeDeclarations declarations = checks.declarations(recipe);
        RecipeParams.checkNames(recipe, declarations, given.keySet());
        declarations.params().stream().filter(RecipeParam::secret).forEach(p -> secrets.add(given.get(p.name())));
        console.line("include " + name + " (" + recipe.origin().label() + ")");
        execute(recipe, given);
    }

    /** {@code inside(jail) { … }}: records the block's actions, then checks and applies them. */
    void inside(RecipeFrame frame, String jail, Closure<?> body) {
        touch(jail);
        InsideVerb verb = new InsideVerb(jails, secrets);
        GuestOs os = verb.os(jail, verbs.releaseOf(jail));
        InsideContext context = new InsideContext(os, file -> Templates.render(template(frame.recipe(), file),
                frame.values()), secrets);
        Closure<?> copy = (Closure<?>) body.clone();
        copy.setResolveStrategy(Closure.DELEGATE_FIRST);
        copy.setDelegate(context);
        copy.call(context);
        console.outcome(verb.apply(jail, os, context.actions()));
    }

    private static String template(Recipe recipe, String file) {
        return recipe.file(file).or(() -> recipe.file("templates/" + file)).orElseThrow(() -> new NotFoundException(
                "recipe " + recipe.name() + " has no file " + file, "its files: " + String.join(", ",
                        recipe.files().keySet())));
    }

    /**
     * A jail the recipe works on: refused when a recipe of this name but other content configured it (unless forced),
     * and recorded at the end.
     */
    void touch(String name) {
        if (touched.contains(name)) {
            return;
        }
        Optional<StoredJail> jail = jails.session().store().find(name);
        Optional<String> recorded = jail.flatMap(j -> RecipeRecord.conflict(j, top));
        if (recorded.isPresent()) {
            String was = top.name() + "@sha256:" + recorded.get().substring(0, Math.min(12, recorded.get().length()));
            if (!force) {
                throw new ValidationException(name + " was configured by recipe " + was + "…, and " + top.name()
                        + " now resolves to other content (" + top.origin().label() + ", " + top.location()
                        + ", sha256:" + top.shortHash() + "…)", hint(recorded.get()));
            }
            console.line("note: " + name + " was configured by " + was + "…; applying " + top.origin().label()
                    + " sha256:" + top.shortHash() + "… instead (forced)");
        }
        touched.add(name);
    }

    private String hint(String recorded) {
        List<Recipe> same = catalog.candidates(top.name()).stream().filter(r -> r.sha256().equals(recorded)).toList();
        String force = "or run it with --force (force: true in the DSL) to apply this one";
        if (!same.isEmpty()) {
            Recipe original = same.get(0);
            return "the recipe that configured it is the " + original.origin().label() + " one (" + original.location()
                    + "), which the " + top.origin().label() + " one shadows; remove or rename the "
                    + top.origin().label() + " one, " + force;
        }
        return "the recipe changed since (or comes from elsewhere); check what differs, " + force;
    }

    boolean planned(String name) {
        return planned.containsKey(name);
    }

    String plannedRelease(String name) {
        return planned.get(name);
    }

    void plan(String name, String release) {
        planned.put(name, release);
    }

    void plannedTemplate(String name) {
        plannedTemplates.add(name);
    }

    boolean plannedAsTemplate(String name) {
        return plannedTemplates.contains(name);
    }
}
