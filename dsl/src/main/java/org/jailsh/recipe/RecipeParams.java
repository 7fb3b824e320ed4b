package org.jailsh.recipe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jailsh.model.Levenshtein;
import org.jailsh.spi.ValidationException;

/**
 * The checks of a recipe's parameters and includes that run before anything changes: unknown parameters (with the
 * nearest names), required ones missing, includes of recipes that do not exist, and include cycles.
 */
final class RecipeParams {

    /** Not a parameter: {@code force: true} lets a run replace a recipe recorded on a jail. */
    static final String FORCE = "force";

    private final RecipeCatalog catalog;
    private final RecipeCompiler compiler;

    RecipeParams(RecipeCatalog catalog, RecipeCompiler compiler) {
        this.catalog = catalog;
        this.compiler = compiler;
    }

    /** Checks the values given to the top recipe, then every include it can reach. */
    RecipeDeclarations validate(Recipe recipe, Map<String, ?> given) {
        RecipeDeclarations declarations = declarations(recipe);
        checkNames(recipe, declarations, given.keySet());
        for (RecipeParam p : declarations.params()) {
            if (p.required() && !p.hasDefault() && given.get(p.name()) == null) {
                throw missing(recipe, p.name());
            }
        }
        walk(recipe, declarations, new ArrayList<>());
        return declarations;
    }

    RecipeDeclarations declarations(Recipe recipe) {
        RecipeDeclarations declarations = RecipeDeclarations.of(recipe);
        compiler.compile(recipe);
        return declarations;
    }

    private void walk(Recipe recipe, RecipeDeclarations declarations, List<String> path) {
        path.add(recipe.name());
        for (RecipeDeclarations.Include include : declarations.includes()) {
            if (path.contains(include.name())) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(include.name()), path.size()));
                cycle.add(include.name());
                throw new ValidationException("include cycle: " + String.join(" -> ", cycle),
                        "remove the include of " + include.name() + " at " + recipe.scriptName() + ":"
                                + include.line());
            }
            Recipe target = catalog.find(include.name()).orElseThrow(() -> new ValidationException("recipe "
                    + recipe.name() + " includes '" + include.name() + "' (" + recipe.scriptName() + ":"
                    + include.line() + "), which is not a recipe", "see 'recipes' for the recipes there are"));
            RecipeDeclarations targetDeclarations = declarations(target);
            checkNames(target, targetDeclarations, include.keys());
            for (RecipeParam p : targetDeclarations.params()) {
                if (p.required() && !p.hasDefault() && !include.keys().contains(p.name())) {
                    throw new ValidationException("recipe " + recipe.name() + " includes " + target.name()
                            + " without its required parameter " + p.name(), "pass it: include '" + target.name()
                            + "', " + p.name() + ": … (" + recipe.scriptName() + ":" + include.line() + ")");
                }
            }
            walk(target, targetDeclarations, new ArrayList<>(path));
        }
    }

    static void checkNames(Recipe recipe, RecipeDeclarations declarations, Collection<String> given) {
        List<String> known = declarations.paramNames();
        for (String name : given) {
            if (name.equals(FORCE) || known.contains(name)) {
                continue;
            }
            List<String> near = known.stream().filter(k -> Levenshtein.distance(k, name) <= Math.max(2,
                    name.length() / 3)).sorted().limit(3).toList();
            throw new ValidationException("recipe " + recipe.name() + " has no parameter '" + name + "'",
                    near.isEmpty() ? (known.isEmpty() ? "it takes no parameters"
                            : "its parameters: " + String.join(", ", known))
                            : "did you mean " + String.join(", ", near) + "?");
        }
    }

    static ValidationException missing(Recipe recipe, String name) {
        return new ValidationException("recipe " + recipe.name() + " needs the parameter " + name,
                "give it: run " + recipe.name() + " --param " + name + "=… (or " + name + ": … in recipe '"
                        + recipe.name() + "', …)");
    }
}
