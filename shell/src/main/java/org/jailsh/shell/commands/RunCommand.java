package org.jailsh.shell.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jailsh.recipe.Recipes;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.UsageException;

@Command(name = "run", description = "Run a recipe (run NAME --param KEY=VALUE…) or a Groovy script that uses "
        + "jailsh's verbs (run FILE.groovy).")
public final class RunCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "RECIPE|FILE")
    String target;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter of the recipe.")
    List<String> params = new ArrayList<>();

    @Option(names = "--force", description = "Apply the recipe even where a different recipe of that name "
            + "configured a jail.")
    boolean force;

    @Override
    int run() {
        if (target.endsWith(".groovy") || target.contains("/") || Files.isRegularFile(Path.of(target))) {
            Path file = Path.of(target);
            if (!Files.isRegularFile(file)) {
                throw new NotFoundException("no script " + file, "give the path of a .groovy file");
            }
            if (!params.isEmpty() || force) {
                throw new UsageException("--param and --force are for recipes, not scripts",
                        "a script sets its own variables; see 'recipes' for the recipes");
            }
            context().runner().run(file);
            return 0;
        }
        new Recipes(jails(), output()).run(target, RecipeParams.parse(params), force);
        return 0;
    }
}
