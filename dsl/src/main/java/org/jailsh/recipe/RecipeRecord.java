package org.jailsh.recipe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.store.StoredJail;

/**
 * The {@code jailsh_recipe} property of a jail: which recipes configured it, as {@code NAME@sha256:HEX}, several
 * separated by commas. iocage ignores the key. A later run of a recipe of the same name but other content (an edited
 * recipe, or one of the same name from somewhere else) is refused unless forced: that is how an installed jail is never
 * silently reconfigured by a different recipe (the TrueNAS plugin catalogue broke jails that way).
 */
final class RecipeRecord {

    static final String PROPERTY = "jailsh_recipe";

    private RecipeRecord() {
    }

    /** Recipe name to its hash, as recorded on the jail. */
    static Map<String, String> read(StoredJail jail) {
        Object value = jail.own().get(PROPERTY);
        Map<String, String> entries = new LinkedHashMap<>();
        if (value == null || String.valueOf(value).isBlank() || "none".equals(String.valueOf(value))) {
            return entries;
        }
        for (String entry : String.valueOf(value).split(",")) {
            int at = entry.indexOf("@sha256:");
            if (at > 0) {
                entries.put(entry.substring(0, at).trim(), entry.substring(at + 8).trim());
            }
        }
        return entries;
    }

    static String format(Map<String, String> entries) {
        return entries.entrySet().stream().map(e -> e.getKey() + "@sha256:" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** The hash recorded for this recipe's name when it differs from the recipe's, else empty. */
    static Optional<String> conflict(StoredJail jail, Recipe recipe) {
        String recorded = read(jail).get(recipe.name());
        return recorded != null && !recorded.equals(recipe.sha256()) ? Optional.of(recorded) : Optional.empty();
    }

    /** The plan that records the recipe on the jail; empty when it is recorded already. */
    static Plan plan(StoredJail jail, Recipe recipe) {
        Plan plan = new Plan(jail.name(), jail.name());
        Map<String, String> entries = read(jail);
        if (recipe.sha256().equals(entries.get(recipe.name()))) {
            return plan;
        }
        entries.put(recipe.name(), recipe.sha256());
        Map<String, Object> own = new TreeMap<>(jail.own());
        own.put(PROPERTY, format(entries));
        return plan.add(Step.change("record recipe " + recipe.name() + "@sha256:" + recipe.shortHash() + "…",
                PROPERTY + " in config.json", ctx -> ctx.writeConfig(jail.dir(), own)));
    }
}
