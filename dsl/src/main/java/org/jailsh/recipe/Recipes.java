package org.jailsh.recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jailsh.api.Jails;
import org.jailsh.dsl.Console;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Plan;
import org.jailsh.registry.ProviderEntry;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.UsageException;
import org.jailsh.store.StoredJail;

/**
 * Recipes for the shell and the DSL: {@code recipes} (the list), {@code recipe show NAME}, and running one —
 * {@code run NAME --param k=v}, {@code recipe 'NAME', k: v}. A run checks its parameters and includes before anything
 * changes, runs the script, records the recipe on the jails it touched, and ends with one summary line.
 */
public final class Recipes {

    /** {@code JAILSH_SECRET_PASSWORD} gives the secret parameter {@code password}. */
    public static final String SECRET_ENV = "JAILSH_SECRET_";

    private final Jails jails;
    private final Console console;

    public Recipes(Jails jails, Console console) {
        this.jails = jails;
        this.console = console;
    }

    /** Bundled and plugin recipes from the class path, then {@code ~/.config/jailsh/recipes}, {@code ./recipes}. */
    public RecipeCatalog catalog() {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        loaders.add(Recipes.class.getClassLoader());
        for (ProviderEntry entry : jails.session().registry().entries()) {
            loaders.add(entry.provider().getClass().getClassLoader());
        }
        Map<String, String> env = jails.session().facts().env();
        String config = env.get("XDG_CONFIG_HOME");
        Path home = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return RecipeCatalog.discover(new ArrayList<>(loaders), home.resolve("jailsh/recipes"), Path.of("recipes"));
    }

    /** One row per recipe: name, origin, location, parameters, sha256. */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Recipe recipe : catalog().recipes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", recipe.name());
            row.put("origin", recipe.origin().label());
            row.put("location", recipe.location());
            row.put("parameters", parameters(recipe));
            row.put("sha256", recipe.sha256());
            rows.add(row);
        }
        return rows;
    }

    private static String parameters(Recipe recipe) {
        try {
            return RecipeDeclarations.of(recipe).params().stream().map(RecipeParam::summary)
                    .collect(Collectors.joining(" "));
        } catch (JailshException e) {
            return "(does not compile)";
        }
    }

    /** The recipe as text: where it is from, its parameters, its README and its script. */
    public String show(String name) {
        RecipeCatalog catalog = catalog();
        Recipe recipe = catalog.require(name);
        RecipeDeclarations declarations = RecipeDeclarations.of(recipe);
        StringBuilder text = new StringBuilder();
        text.append("recipe ").append(recipe.name()).append(" (").append(recipe.origin().label()).append(")\n");
        text.append("from    ").append(recipe.location()).append('\n');
        text.append("sha256  ").append(recipe.sha256()).append('\n');
        catalog.candidates(name).stream().filter(r -> r != recipe).forEach(r -> text.append("shadows ")
                .append(r.origin().label()).append(' ').append(r.location()).append('\n'));
        text.append("\nparameters (* required):\n");
        if (declarations.params().isEmpty()) {
            text.append("  none\n");
        }
        for (RecipeParam p : declarations.params()) {
            text.append("  ").append(p.name()).append(p.required() ? "*" : "")
                    .append(p.secret() ? " (secret)" : "")
                    .append(p.shownDefault().isEmpty() ? "" : " default " + p.shownDefault())
                    .append(p.description().isEmpty() ? "" : " — " + p.description()).append('\n');
        }
        if (!declarations.includes().isEmpty()) {
            text.append("includes: ").append(declarations.includes().stream().map(RecipeDeclarations.Include::name)
                    .distinct().collect(Collectors.joining(", "))).append('\n');
        }
        text.append("\n").append(recipe.readme().strip()).append("\n\n--- recipe.groovy ---\n")
                .append(recipe.script().stripTrailing()).append('\n');
        return text.toString();
    }

    /** Runs the recipe; {@code force: true} among the parameters replaces a different recipe recorded on a jail. */
    public void run(String name, Map<String, ?> params) {
        Object force = params.get(RecipeParams.FORCE);
        Map<String, Object> rest = new LinkedHashMap<>(params);
        rest.remove(RecipeParams.FORCE);
        run(name, rest, force != null && List.of("true", "yes", "on", "1").contains(String.valueOf(force)));
    }

    public void run(String name, Map<String, ?> given, boolean force) {
        RecipeCatalog catalog = catalog();
        Recipe recipe = catalog.require(name);
        Secrets secrets = new Secrets();
        RecipeConsole out = new RecipeConsole(console, secrets);
        RecipeRun run = new RecipeRun(recipe, catalog, jails, out, secrets, force);
        Map<String, Object> params = withSecretsFromEnvironment(recipe, given);
        RecipeDeclarations declarations = run.checks().validate(recipe, params);
        declarations.params().stream().filter(RecipeParam::secret).forEach(p -> secrets.add(params.get(p.name())));
        boolean dryRun = jails.session().dryRun();
        out.line("recipe " + recipe.name() + " (" + recipe.origin().label() + ", sha256:" + recipe.shortHash()
                + "…)");
        try {
            run.execute(recipe, params);
            record(run, recipe, out, dryRun);
        } catch (RuntimeException e) {
            throw masked(e, secrets);
        } catch (AssertionError e) {
            // Groovy's power assert draws every value it compared, secrets too: only its first line is kept
            String first = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("assert");
            throw new JailshException("recipe " + recipe.name() + ": " + secrets.mask(first) + " failed",
                    "the recipe's own check; look at its parameters");
        }
        String on = run.touched().isEmpty() ? "" : " on " + String.join(", ", run.touched());
        if (dryRun) {
            out.line("recipe " + recipe.name() + on + ": plan only, nothing changed");
        } else if (out.changes() == 0) {
            out.line("recipe " + recipe.name() + on + ": up to date");
        } else {
            out.line("recipe " + recipe.name() + on + ": done (" + out.changes() + " change"
                    + (out.changes() == 1 ? "" : "s") + ")");
        }
    }

    /** A secret parameter not given comes from {@code JAILSH_SECRET_NAME}, so it need not be on a command line. */
    private Map<String, Object> withSecretsFromEnvironment(Recipe recipe, Map<String, ?> given) {
        Map<String, Object> params = new LinkedHashMap<>(given);
        Map<String, String> env = jails.session().facts().env();
        for (RecipeParam p : RecipeDeclarations.of(recipe).params()) {
            String value = env.get(SECRET_ENV + p.name().toUpperCase(Locale.ROOT));
            if (p.secret() && !params.containsKey(p.name()) && value != null) {
                params.put(p.name(), value);
            }
        }
        return params;
    }

    private void record(RecipeRun run, Recipe recipe, RecipeConsole out, boolean dryRun) {
        for (String name : run.touched()) {
            Optional<StoredJail> jail = jails.session().store().find(name);
            if (jail.isPresent()) {
                Plan plan = RecipeRecord.plan(jail.get(), recipe);
                if (!plan.isEmpty()) {
                    out.outcome(new Applier(jails.session()).apply(plan,
                            name + ": recipe " + recipe.name() + " recorded"));
                }
            } else if (dryRun) {
                out.outcome(RecipeVerbs.planned(name, "~", "record recipe " + recipe.name() + "@sha256:"
                        + recipe.shortHash() + "…", RecipeRecord.PROPERTY + " in config.json"));
            }
        }
    }

    /** An error that would show a secret shows ****** instead, and loses its cause (whose message may too). */
    private static RuntimeException masked(RuntimeException e, Secrets secrets) {
        String message = String.valueOf(e.getMessage());
        String hint = e instanceof JailshException j ? j.hint() : null;
        if (secrets.mask(message).equals(message) && (hint == null || secrets.mask(hint).equals(hint))) {
            return e;
        }
        if (e instanceof UsageException) {
            return new UsageException(secrets.mask(message), secrets.mask(hint));
        }
        return new JailshException(secrets.mask(message), hint == null ? null : secrets.mask(hint));
    }

    /** For the REPL's history: a line with the values of secret parameters masked. */
    public static String maskLine(String line, Set<String> secretNames) {
        String masked = line;
        String mask = Secrets.MASK.replace("*", "\\*");
        for (String name : secretNames) {
            String key = "\\b" + Pattern.quote(name) + "\\s*[:=]\\s*";
            // inside one quoted shell word ("password=a b"), the value runs to the word's closing quote
            masked = masked.replaceAll("((?<![^\\s=])([\"'])[^\"']*?" + key + ")[^\"']*\\2", "$1" + mask + "$2");
            masked = masked.replaceAll("(" + key + ")(?!\\*{6})('(?:\\\\.|[^'\\\\])*'|\"(?:\\\\.|[^\"\\\\])*\"|\\S+)",
                    "$1" + mask);
        }
        return masked;
    }

    /** The names of every secret parameter of every recipe there is. */
    public Set<String> secretNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Recipe recipe : catalog().recipes()) {
            try {
                RecipeDeclarations.of(recipe).params().stream().filter(RecipeParam::secret)
                        .forEach(p -> names.add(p.name()));
            } catch (JailshException e) {
                // a recipe that does not compile has no parameters to mask
            }
        }
        return names;
    }
}
