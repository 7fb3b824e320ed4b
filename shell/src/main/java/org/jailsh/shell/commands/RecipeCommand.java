package org.jailsh.shell.commands;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jailsh.recipe.Recipes;
import org.jailsh.spi.UsageException;

@Command(name = "recipe", description = "recipe show NAME: a recipe's origin, parameters, README and script; "
        + "recipe NAME [--param K=V…] runs it (as run NAME does).")
public final class RecipeCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "show|NAME")
    String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String second;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A parameter of the recipe.")
    List<String> params = new ArrayList<>();

    @Option(names = "--force", description = "Apply it even where a different recipe of that name configured a jail.")
    boolean force;

    @Override
    int run() {
        Recipes recipes = new Recipes(jails(), output());
        if (first.equals("show") && second == null) {
            throw new UsageException("recipe show needs a recipe's name", "e.g. recipe show ssh-jail; "
                    + "see 'recipes' for the names");
        }
        if (first.equals("show")) {
            output().raw(recipes.show(second));
            return 0;
        }
        if (second != null) {
            throw new UsageException("recipe " + first + " " + second + ": one name only",
                    "recipe show NAME, or recipe NAME --param KEY=VALUE");
        }
        recipes.run(first, RecipeParams.parse(params), force);
        return 0;
    }
}
