package org.jailsh.recipe;

/**
 * Where a recipe was found. The order is the precedence: a recipe of the same name found later in this list wins
 * (a project's {@code ./recipes/NAME} over the user's, over a plugin's, over the bundled one).
 */
public enum RecipeOrigin {
    BUNDLED("bundled"),
    PLUGIN("plugin"),
    USER("user"),
    PROJECT("project");

    private final String label;

    RecipeOrigin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
