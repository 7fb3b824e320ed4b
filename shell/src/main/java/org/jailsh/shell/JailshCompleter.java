package org.jailsh.shell;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.CommandSpec;

import org.jailsh.model.Property;
import org.jailsh.recipe.RecipeParam;
import org.jailsh.shell.repl.ReplParser.ReplLine;
import org.jailsh.shell.repl.Vocabulary;

/**
 * Completion for both spellings, by the statement around the cursor: verbs first; then jail names, properties and
 * their allowed values, releases, templates, recipes and their parameters, each verb's options (from picocli's
 * model) and host paths for mount sources. Works the same inside Groovy: {@code jail('we}, {@code start we},
 * {@code recipe 'ssh-jail', na}, {@code mount '/sr}.
 */
public final class JailshCompleter implements Completer {

    static final Set<String> JAIL_VERBS = Set.of("start", "stop", "restart", "exec", "console", "destroy",
            "update", "upgrade", "snapshot", "snaplist", "rollback", "fstab", "get", "set", "info", "jail");
    private static final Set<String> BATCH_VERBS = Set.of("start", "stop", "restart", "update");

    private final Vocabulary words;
    @SuppressWarnings("deprecation")
    private final Completer paths = new org.jline.reader.impl.completer.FileNameCompleter();

    public JailshCompleter(Vocabulary words) {
        this.words = words;
    }

    @Override
    public void complete(LineReader reader, ParsedLine parsed, List<Candidate> candidates) {
        if (!(parsed instanceof ReplLine line)) {
            return;
        }
        List<String> before = line.before();
        String word = line.word();
        if (before.isEmpty() && reader == null) {
            // at a bash or zsh prompt only the verbs make sense: Groovy and jail variables are the REPL's
            words.verbs().forEach((name, spec) -> candidates.add(plain(name, "verbs", summary(spec))));
            return;
        }
        if (before.isEmpty()) {
            first(line, candidates);
            return;
        }
        String verb = before.get(0);
        String previous = before.get(before.size() - 1);
        CommandSpec spec = words.verb(verb);
        if (word.startsWith("-") && spec != null && !line.inString()) {
            Vocabulary.options(spec).forEach(o -> candidates.add(plain(o, "options", describe(spec, o))));
        } else if (previous.equals("-r") || previous.equals("--release") || verb.equals("release")) {
            words.releases().forEach(r -> candidates.add(plain(r, "releases", null)));
        } else if ((previous.equals("-t") || previous.equals("--template")) && verb.equals("create")
                || verb.equals("from")) {
            words.templates().forEach(t -> candidates.add(plain(t, "templates", null)));
        } else if (verb.equals("recipe") || verb.equals("run")) {
            recipe(reader, line, before, candidates);
        } else if (verb.equals("mount") && before.size() == 1 || verb.equals("fstab") && before.size() >= 3) {
            paths(reader, line, candidates);
        } else if (verb.equals("set") || verb.equals("create")) {
            properties(candidates, word);
            if (verb.equals("set") && !word.contains("=")) {
                jails(candidates);
                candidates.add(plain("default", "jails", "the defaults of every jail"));
            }
        } else if (verb.equals("get")) {
            if (before.size() == 1) {
                words.properties().forEach(p -> candidates.add(plain(p.name(), "properties", p.description())));
                candidates.add(plain("all", "properties", "every property"));
            } else {
                jails(candidates);
            }
        } else if (verb.equals("help")) {
            words.verbs().forEach((name, s) -> candidates.add(plain(name, "verbs", summary(s))));
        } else if (JAIL_VERBS.contains(verb)) {
            jails(candidates);
            if (BATCH_VERBS.contains(verb)) {
                candidates.add(plain("ALL", "jails", "every jail"));
            }
        } else if (line.blockDepth() > 0 && words.property(verb) != null && before.size() == 1) {
            Vocabulary.values(words.property(verb)).forEach(v -> candidates.add(plain(groovyValue(v), null, null)));
        }
    }

    /** The first word of a statement: verbs, the DSL's words, jail names (they are variables too). */
    private void first(ReplLine line, List<Candidate> candidates) {
        if (line.inString()) {
            return;
        }
        words.verbs().forEach((name, spec) -> candidates.add(plain(name, "verbs", summary(spec))));
        candidates.add(new Candidate("jail('", "jail", "dsl", "declare a jail: jail('web') { … }", null, null, false));
        candidates.add(new Candidate("plan {", "plan", "dsl", "show the plan of a block, change nothing", null, null,
                false));
        if (line.blockDepth() > 0) {
            words.blockWords().forEach(w -> candidates.add(plain(w, "jail block", null)));
        }
        jails(candidates);
    }

    private void recipe(LineReader reader, ReplLine line, List<String> before, List<Candidate> candidates) {
        Map<String, List<RecipeParam>> recipes = words.recipes();
        if (before.size() == 1) {
            recipes.keySet().forEach(r -> candidates.add(plain(r, "recipes", null)));
            if (before.get(0).equals("run") && !line.inString()) {
                paths(reader, line, candidates);
            }
            return;
        }
        List<RecipeParam> params = recipes.getOrDefault(before.get(1), List.of());
        String previous = before.get(before.size() - 1);
        boolean cli = before.get(0).equals("run");
        if (cli && !previous.equals("-p") && !previous.equals("--param")) {
            candidates.add(plain("--param", "options", "a parameter: --param KEY=VALUE"));
            return;
        }
        for (RecipeParam p : params) {
            String value = cli ? p.name() + "=" : p.name() + ": ";
            candidates.add(new Candidate(value, p.name(), "parameters", p.description().isEmpty() ? null
                    : p.description(), null, null, false));
        }
    }

    /** Host paths; without a line reader (a bash or zsh script asking) the script lists the files itself. */
    private void paths(LineReader reader, ReplLine line, List<Candidate> candidates) {
        if (reader == null) {
            candidates.add(new Candidate(CompleteCommand.FILES));
        } else {
            paths.complete(reader, line, candidates);
        }
    }

    private void properties(List<Candidate> candidates, String typed) {
        int eq = typed.indexOf('=');
        if (eq > 0) {
            Property p = words.property(typed.substring(0, eq));
            if (p != null) {
                for (String value : Vocabulary.values(p)) {
                    candidates.add(new Candidate(p.name() + "=" + value, value, null, null, null, null, true));
                }
            }
            return;
        }
        for (Property p : words.properties()) {
            candidates.add(new Candidate(p.name() + "=", p.name(), "properties", p.description(), null, null,
                    false));
        }
    }

    private void jails(List<Candidate> candidates) {
        words.jails().forEach((name, state) -> candidates.add(plain(name, "jails", state)));
    }

    private static String groovyValue(String value) {
        return switch (value) {
            case "on" -> "true";
            case "off" -> "false";
            default -> "'" + value + "'";
        };
    }

    private static Candidate plain(String value, String group, String description) {
        return new Candidate(value, value, group, description == null || description.isEmpty() ? null : description,
                null, null, true);
    }

    static String summary(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        if (description.length == 0) {
            return null;
        }
        // the first sentence: a menu line, not the whole manual
        String first = description[0].split("(?<=[.;]) ", 2)[0];
        return first.endsWith(".") || first.endsWith(";") ? first.substring(0, first.length() - 1) : first;
    }

    private static String describe(CommandSpec spec, String option) {
        var o = spec.findOption(option);
        return o == null || o.description().length == 0 ? null : o.description()[0];
    }
}
