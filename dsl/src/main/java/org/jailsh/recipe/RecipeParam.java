package org.jailsh.recipe;

import java.util.List;

/**
 * A parameter a recipe declares: {@code param 'user', default: 'jailuser', description: '…'}.
 *
 * @param hasDefault   a default was given (it may be {@code null})
 * @param defaultValue the default when it is a literal; null when computed at run time ({@code computed})
 * @param computed     the default is an expression, evaluated when the recipe runs
 */
public record RecipeParam(String name, boolean hasDefault, Object defaultValue, boolean computed, boolean required,
                          boolean secret, String description) {

    /** How the default reads in tables: {@code jailuser}, {@code (computed)}, or empty. */
    public String shownDefault() {
        if (secret || !hasDefault || !computed && defaultValue == null) {
            return "";
        }
        if (computed) {
            return "(computed)";
        }
        String text = defaultValue instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(defaultValue);
        return text.length() > 24 ? text.substring(0, 23) + "…" : text;
    }

    /** {@code name*} for required, {@code password* (secret)}, {@code user=jailuser}: one word for lists. */
    public String summary() {
        String text = name + (required ? "*" : "");
        if (secret) {
            return text + " (secret)";
        }
        String shown = shownDefault();
        return shown.isEmpty() ? text : text + "=" + shown;
    }
}
