package org.jailsh.shell.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.jailsh.recipe.Recipes;
import org.jailsh.shell.Tables;

@Command(name = "recipes", description = "List recipes: NAME ORIGIN PARAMETERS (* required); -l adds where they are "
        + "and their sha256. Later origins win: bundled, plugin, ~/.config/jailsh/recipes, ./recipes.")
public final class RecipesCommand extends VerbCommand {

    @Option(names = "-l", description = "Long listing: LOCATION and SHA256 too.")
    boolean full;

    @Option(names = {"-H", "-h"}, description = "No header; tab-separated, for scripts.")
    boolean scriptable;

    @Override
    int run() {
        List<Map<String, Object>> rows = new Recipes(jails(), output()).rows().stream().map(row -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", row.get("name"));
            shown.put("origin", row.get("origin"));
            shown.put("parameters", row.get("parameters"));
            if (full || output().json()) {
                shown.put("location", row.get("location"));
                shown.put("sha256", row.get("sha256"));
            }
            return shown;
        }).toList();
        Tables.rows(output(), rows, scriptable);
        return 0;
    }
}
