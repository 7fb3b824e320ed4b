package org.jailsh.bench;

import java.util.List;
import java.util.Map;

import org.jailsh.api.Jails;
import org.jailsh.recipe.Recipes;

/**
 * The bundled template-jail recipe (a template made, started, a file written inside, stopped, two clones from it):
 * its first run on a root without its jails, against a re-run that finds everything done ("up to date").
 * Prints {@code RESULT recipe-first MS…} and {@code RESULT recipe-rerun MS…}. As root, in the root given by run.sh.
 *
 * <p>{@code java -Dbench.root=IOCROOT -cp … org.jailsh.bench.RecipeRerun [FIRST_RUNS] [RERUNS]}
 */
public final class RecipeRerun {

    private static final Map<String, Object> PARAMS = Map.of("template", "benchtpl", "clones",
            List.of("benchc1", "benchc2"));

    private RecipeRerun() {
    }

    public static void main(String[] args) {
        int firstRuns = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int reruns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Jails jails = Fixture.open(Fixture.givenRoot());
        Recipes recipes = new Recipes(jails, Fixture.QUIET);
        StringBuilder first = new StringBuilder("RESULT recipe-first");
        StringBuilder again = new StringBuilder("RESULT recipe-rerun");
        try {
            // One untimed round first, so that both sides run on a warm JVM.
            clean(jails);
            recipes.run("template-jail", PARAMS, false);
            recipes.run("template-jail", PARAMS, false);
            for (int i = 0; i < firstRuns; i++) {
                clean(jails);
                first.append(' ').append(timed(recipes));
                for (int k = 0; k < Math.max(1, reruns / firstRuns); k++) {
                    again.append(' ').append(timed(recipes));
                }
            }
            System.out.println(first);
            System.out.println(again);
        } finally {
            clean(jails);
        }
    }

    private static String timed(Recipes recipes) {
        long t0 = System.nanoTime();
        recipes.run("template-jail", PARAMS, false);
        return HundredJails.ms(System.nanoTime() - t0);
    }

    private static void clean(Jails jails) {
        for (String name : List.of("benchc1", "benchc2", "benchtpl")) {
            Fixture.destroy(jails, name);
        }
    }
}
