package org.jailsh.recipe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import groovy.lang.Binding;

import org.jailsh.spi.ValidationException;

/**
 * One recipe as it runs (the top one, or one it includes): the parameters it was given, and the values its
 * {@code param} statements resolved, which become variables of its script.
 */
final class RecipeFrame {

    private final Recipe recipe;
    private final RecipeDeclarations declarations;
    private final Map<String, ?> given;
    private final RecipeRun run;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private Binding binding;

    RecipeFrame(Recipe recipe, RecipeDeclarations declarations, Map<String, ?> given, RecipeRun run) {
        this.recipe = recipe;
        this.declarations = declarations;
        this.given = given;
        this.run = run;
    }

    void bind(Binding scriptBinding) {
        this.binding = scriptBinding;
        scriptBinding.setVariable("params", Collections.unmodifiableMap(values));
    }

    Recipe recipe() {
        return recipe;
    }

    RecipeRun run() {
        return run;
    }

    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** {@code param 'user', default: 'jailuser'}: the given value (converted like the default) or the default. */
    Object declare(String name, Map<String, ?> options) {
        if (!declarations.paramNames().contains(name)) {
            throw new ValidationException("recipe " + recipe.name() + ": param '" + name
                    + "' is not a top-level statement with a literal name",
                    "put the param statements at the top of " + recipe.scriptName() + ", e.g. param 'user'");
        }
        Object fallback = options.get("default");
        Object value = given.containsKey(name) ? convert(name, given.get(name), fallback) : fallback;
        if (value == null && Boolean.TRUE.equals(options.get("required"))) {
            throw RecipeParams.missing(recipe, name);
        }
        if (Boolean.TRUE.equals(options.get("secret"))) {
            run.secrets().add(value);
        }
        values.put(name, value);
        binding.setVariable(name, value);
        return value;
    }

    /** Text from the command line becomes a number, a flag or a list when the default is one. */
    static Object convert(String name, Object value, Object fallback) {
        if (!(value instanceof String text) || fallback == null) {
            return value;
        }
        try {
            if (fallback instanceof Integer) {
                return Integer.parseInt(text.trim());
            }
            if (fallback instanceof Long) {
                return Long.parseLong(text.trim());
            }
        } catch (NumberFormatException e) {
            throw new ValidationException("parameter " + name + ": '" + text + "' is not a number",
                    "e.g. --param " + name + "=" + fallback);
        }
        if (fallback instanceof Boolean) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!List.of("true", "false", "yes", "no", "on", "off", "1", "0").contains(t)) {
                throw new ValidationException("parameter " + name + ": '" + text + "' is not yes or no",
                        "e.g. --param " + name + "=yes");
            }
            return List.of("true", "yes", "on", "1").contains(t);
        }
        if (fallback instanceof List<?>) {
            return text.isBlank() ? List.of() : List.of(text.split("\\s*,\\s*"));
        }
        return value;
    }
}
