package org.jailsh.recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jailsh.model.Levenshtein;
import org.jailsh.spi.NotFoundException;

/**
 * Every recipe found, and which one a name means: bundled, then plugin jars, then {@code ~/.config/jailsh/recipes},
 * then {@code ./recipes}; a later one of the same name wins. The constructor takes the candidates (specs pass their
 * own); {@link #discover} alone looks at class paths and directories.
 */
public final class RecipeCatalog {

    private final List<Recipe> candidates;
    private final Map<String, Recipe> effective = new LinkedHashMap<>();

    /** @param candidates in any order; they are ranked by origin, then by the order given */
    public RecipeCatalog(List<Recipe> candidates) {
        List<Recipe> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparing(Recipe::origin));
        this.candidates = List.copyOf(ranked);
        for (Recipe recipe : ranked) {
            effective.put(recipe.name(), recipe);
        }
    }

    /**
     * @param loaders    class loaders whose {@code recipes/NAME/} resources count (jailsh's own, plugins')
     * @param userDir    {@code ~/.config/jailsh/recipes}
     * @param projectDir {@code ./recipes}
     */
    public static RecipeCatalog discover(List<ClassLoader> loaders, Path userDir, Path projectDir) {
        List<Recipe> all = new ArrayList<>(RecipeSources.fromClassLoaders(loaders));
        all.addAll(RecipeSources.fromDirectory(userDir, RecipeOrigin.USER));
        if (!projectDir.toAbsolutePath().normalize().equals(userDir.toAbsolutePath().normalize())) {
            all.addAll(RecipeSources.fromDirectory(projectDir, RecipeOrigin.PROJECT));
        }
        return new RecipeCatalog(all);
    }

    /** The recipe each name means, sorted by name. */
    public List<Recipe> recipes() {
        return effective.values().stream().sorted(Comparator.comparing(Recipe::name)).toList();
    }

    public Optional<Recipe> find(String name) {
        return Optional.ofNullable(effective.get(name));
    }

    /** The recipe, or an error naming the nearest recipes. */
    public Recipe require(String name) {
        Recipe recipe = effective.get(name);
        if (recipe == null) {
            List<String> near = effective.keySet().stream()
                    .filter(n -> Levenshtein.distance(n, name) <= Math.max(2, name.length() / 3) || n.contains(name))
                    .sorted().limit(3).toList();
            throw new NotFoundException("no recipe named " + name, near.isEmpty()
                    ? "see 'recipes' for the recipes there are" : "did you mean " + String.join(", ", near) + "?");
        }
        return recipe;
    }

    /** Every recipe of that name, lowest precedence first: the ones shadowed, then the one that wins. */
    public List<Recipe> candidates(String name) {
        return candidates.stream().filter(r -> r.name().equals(name)).toList();
    }
}
