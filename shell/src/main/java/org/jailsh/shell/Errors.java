package org.jailsh.shell;

import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.runtime.InvokerInvocationException;

import org.jailsh.dsl.DslVerbs;
import org.jailsh.dsl.JailContext;
import org.jailsh.model.IocageProperties;
import org.jailsh.model.Levenshtein;
import org.jailsh.recipe.RecipeScript;
import org.jailsh.recipe.inside.InsideContext;
import org.jailsh.spi.JailshException;

/**
 * Turns any failure into one line a user can act on, and an exit code: 2 for usage, 1 for the rest. Stack traces
 * only with {@code --debug}: a user's mistake is never shown as a crash.
 */
public final class Errors {

    private static final Set<String> WORDS = words();

    private Errors() {
    }

    public static int report(Throwable thrown, Output output, boolean debug) {
        Throwable e = unwrap(thrown);
        if (debug) {
            e.printStackTrace(output.err());
        }
        if (e instanceof JailshException j) {
            output.error(j.userMessage());
            return j.exitCode();
        }
        if (e instanceof MissingMethodException m) {
            output.error("unknown verb or statement '" + m.getMethod() + "'" + suggest(m.getMethod()));
            return 2;
        }
        if (e instanceof MissingPropertyException m) {
            output.error("no variable or jail named '" + m.getProperty() + "'" + suggest(m.getProperty()));
            return 2;
        }
        if (e instanceof CompilationFailedException c) {
            output.error("not valid Groovy: " + firstLine(c.getMessage()));
            return 2;
        }
        if (e instanceof AssertionError a) {
            // a power assert's diagram spans many lines; its first line is the failed condition
            output.error(String.valueOf(a.getMessage()).strip().lines().findFirst().orElse("assert") + " failed");
            return 1;
        }
        if (e instanceof UncheckedIOException io) {
            output.error(io.getMessage());
            return 1;
        }
        output.error("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (debug ? "" : " (run with --debug for details)"));
        return 1;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof InvokerInvocationException || current instanceof picocli.CommandLine.ExecutionException
                || current instanceof java.lang.reflect.InvocationTargetException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String message) {
        String[] lines = message.split("\n");
        for (String line : lines) {
            if (line.contains("@ line")) {
                return line.replaceAll("^.*?: \\d+: ", "").trim();
            }
        }
        return lines.length > 1 ? lines[1].trim() : message.trim();
    }

    static String suggest(String word) {
        List<String> near = WORDS.stream()
                .filter(w -> Levenshtein.distance(w, word) <= Math.max(2, word.length() / 3))
                .sorted(Comparator.comparingInt((String w) -> Levenshtein.distance(w, word)).thenComparing(w -> w))
                .limit(3).toList();
        return near.isEmpty() ? "; see /help" : "; did you mean " + String.join(", ", near) + "?";
    }

    private static Set<String> words() {
        Set<String> words = new TreeSet<>(IocageProperties.all().keySet());
        for (Class<?> type : List.of(DslVerbs.class, JailContext.class, RecipeScript.class, InsideContext.class)) {
            Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                    .map(Method::getName).filter(n -> !n.contains("$")).forEach(words::add);
        }
        return words;
    }
}
