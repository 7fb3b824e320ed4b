package org.jailsh.shell.repl;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import org.jailsh.dsl.JailContext;
import org.jailsh.model.IocageProperties;
import org.jailsh.model.Property;
import org.jailsh.model.PropertyType;
import org.jailsh.model.ValueChecks;
import org.jailsh.recipe.Recipe;
import org.jailsh.recipe.RecipeDeclarations;
import org.jailsh.recipe.RecipeParam;
import org.jailsh.recipe.Recipes;
import org.jailsh.shell.ShellContext;
import org.jailsh.verbs.JailInfo;

/**
 * The words completion, hints and highlighting know: verbs and their options (from picocli's model), jails,
 * releases, properties and their allowed values, recipes and their parameters. State on disk is read at most once
 * a second, so a key press never waits for a directory walk; anything that cannot be read offers nothing.
 */
public final class Vocabulary {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private final ShellContext context;
    private final Supplier<CommandLine> cli;
    private final LongSupplier clock;
    private final Map<String, Object[]> cache = new LinkedHashMap<>();
    private CommandLine commands;

    public Vocabulary(ShellContext context, Supplier<CommandLine> cli) {
        this(context, cli, System::nanoTime);
    }

    Vocabulary(ShellContext context, Supplier<CommandLine> cli, LongSupplier clock) {
        this.context = context;
        this.cli = cli;
        this.clock = clock;
    }

    /** The verbs of the CLI, by name, with their picocli model (hidden ones left out). */
    public Map<String, CommandSpec> verbs() {
        if (commands == null) {
            commands = cli.get();
        }
        Map<String, CommandSpec> verbs = new LinkedHashMap<>();
        commands.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                verbs.put(name, sub.getCommandSpec());
            }
        });
        return verbs;
    }

    public CommandSpec verb(String name) {
        return verbs().get(name);
    }

    /** Jail names (templates excluded) with their state. */
    public Map<String, String> jails() {
        return cached("jails", () -> {
            Map<String, String> jails = new LinkedHashMap<>();
            for (JailInfo j : context.jails().list(false)) {
                jails.put(j.name(), j.state());
            }
            return jails;
        }, Map.of());
    }

    public List<String> templates() {
        return cached("templates", () -> context.jails().list(true).stream().map(JailInfo::name).toList(), List.of());
    }

    public List<String> releases() {
        return cached("releases", () -> context.jails().releases().stream()
                .map(r -> String.valueOf(r.get("name"))).toList(), List.of());
    }

    /** Properties a user may set on a jail. */
    public List<Property> properties() {
        return IocageProperties.all().values().stream().filter(p -> p.settable() && !p.defaultsOnly()).toList();
    }

    public Property property(String name) {
        return IocageProperties.all().get(name);
    }

    /** The values a property accepts when they can be listed: on/off for flags, the choices of enumerations. */
    public static List<String> values(Property p) {
        if (p.type() == PropertyType.FLAG) {
            return List.of("on", "off");
        }
        if (p.check() instanceof ValueChecks.OneOf oneOf) {
            return oneOf.choices();
        }
        return List.of();
    }

    /** What a {@code jail('x') { … }} block understands: its own methods and every settable property. */
    public Set<String> blockWords() {
        Set<String> words = new TreeSet<>();
        for (Method m : JailContext.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.getName().equals("methodMissing")
                    && !m.getName().startsWith("to") && !m.isSynthetic()) {
                words.add(m.getName());
            }
        }
        properties().forEach(p -> words.add(p.name()));
        return words;
    }

    /** Recipe names with their parameters. */
    public Map<String, List<RecipeParam>> recipes() {
        return cached("recipes", () -> {
            Map<String, List<RecipeParam>> recipes = new LinkedHashMap<>();
            for (Recipe recipe : new Recipes(context.jails(), context.output()).catalog().recipes()) {
                recipes.put(recipe.name(), paramsOf(recipe));
            }
            return recipes;
        }, Map.of());
    }

    private static List<RecipeParam> paramsOf(Recipe recipe) {
        try {
            return RecipeDeclarations.of(recipe).params();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T cached(String key, Supplier<T> load, T empty) {
        Object[] entry = cache.get(key);
        long now = clock.getAsLong();
        if (entry != null && now - (long) entry[0] < FRESH_NANOS) {
            return (T) entry[1];
        }
        T value;
        try {
            value = load.get();
        } catch (RuntimeException e) {
            value = empty;
        }
        cache.put(key, new Object[]{now, value});
        return value;
    }

    /** Options of a verb, every spelling, for completion after a dash. */
    public static List<String> options(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        spec.options().stream().filter(o -> !o.hidden()).forEach(o -> names.addAll(List.of(o.names())));
        return names;
    }
}
