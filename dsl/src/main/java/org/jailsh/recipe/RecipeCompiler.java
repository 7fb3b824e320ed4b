package org.jailsh.recipe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import groovy.lang.GroovyClassLoader;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import org.jailsh.spi.ValidationException;

/**
 * Compiles recipes (once per content and name, for the life of the JVM) with {@link RecipeScript} as their base class.
 * Compiling took most of a re-run that changes nothing (bench/RESULTS.md), so a REPL session compiles each recipe once.
 * A recipe that does not compile is reported as {@code NAME/recipe.groovy:LINE: what} with the line itself, never as
 * a stack trace.
 */
final class RecipeCompiler {

    private static final GroovyClassLoader LOADER = loader();
    private static final Map<String, Class<? extends Script>> COMPILED = new ConcurrentHashMap<>();

    private static GroovyClassLoader loader() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(RecipeScript.class.getName());
        return new GroovyClassLoader(RecipeCompiler.class.getClassLoader(), config);
    }

    @SuppressWarnings("unchecked")
    Class<? extends Script> compile(Recipe recipe) {
        return COMPILED.computeIfAbsent(recipe.scriptName() + "@" + recipe.sha256(), key -> {
            try {
                return (Class<? extends Script>) LOADER.parseClass(recipe.script(), recipe.scriptName());
            } catch (CompilationFailedException e) {
                throw failure(recipe, e);
            }
        });
    }

    /** The first compile error as one message: where, what, and the line. */
    static ValidationException failure(Recipe recipe, CompilationFailedException e) {
        int line = -1;
        String what = e.getMessage();
        if (e instanceof MultipleCompilationErrorsException multiple
                && multiple.getErrorCollector().getErrorCount() > 0) {
            Message first = multiple.getErrorCollector().getError(0);
            if (first instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                line = cause.getLine();
                what = cause.getOriginalMessage();
            } else if (first instanceof ExceptionMessage exception) {
                what = exception.getCause().getMessage();
            }
        }
        what = what == null ? "compile error" : what.lines().findFirst().orElse(what).trim();
        List<String> lines = recipe.script().lines().toList();
        String where = recipe.scriptName() + (line > 0 ? ":" + line : "");
        String hint = line > 0 && line <= lines.size() ? "the line is: " + lines.get(line - 1).strip()
                : "see " + recipe.location();
        return new ValidationException("recipe " + recipe.name() + " does not compile: " + where + ": " + what,
                hint);
    }
}
