package org.jailsh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import org.jailsh.model.IocageProperties;
import org.jailsh.model.Property;
import org.jailsh.model.PropertyType;

/**
 * Completion for both spellings: verbs first; then, by verb, jail names, property names ({@code vnet=} with the
 * allowed values of yes/no properties), release names, and host paths for mount sources.
 */
final class JailshCompleter implements Completer {

    private static final Set<String> JAIL_VERBS = Set.of("start", "stop", "restart", "exec", "console", "destroy",
            "update", "upgrade", "snapshot", "snaplist", "rollback", "fstab", "get", "set");

    private final ShellContext context;
    @SuppressWarnings("deprecation")
    private final Completer paths = new org.jline.reader.impl.completer.FileNameCompleter();

    JailshCompleter(ShellContext context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index == 0) {
            CliLine.VERBS.forEach(v -> candidates.add(new Candidate(v, v, "verbs", null, null, null, true)));
            candidates.add(new Candidate("jail('", "jail", "dsl", null, null, null, false));
            candidates.add(new Candidate("plan {", "plan", "dsl", null, null, null, false));
            jails(candidates);
            return;
        }
        String verb = words.get(0);
        String previous = words.get(index - 1);
        if (previous.equals("-r") || previous.equals("--release")) {
            releases(candidates);
        } else if (previous.equals("-t") && verb.equals("create")) {
            templates(candidates);
        } else if (verb.equals("set") || verb.equals("create")) {
            properties(candidates, line.word());
            if (verb.equals("set")) {
                jails(candidates);
                candidates.add(new Candidate("default"));
            }
        } else if (verb.equals("get")) {
            if (index == 1) {
                properties(candidates, "");
                candidates.add(new Candidate("all"));
            } else {
                jails(candidates);
            }
        } else if (verb.equals("fstab") && index >= 3) {
            paths.complete(reader, line, candidates);
        } else if (verb.equals("run")) {
            paths.complete(reader, line, candidates);
        } else if (JAIL_VERBS.contains(verb)) {
            jails(candidates);
            if (Set.of("start", "stop", "restart", "update").contains(verb)) {
                candidates.add(new Candidate("ALL"));
            }
        }
    }

    private void properties(List<Candidate> candidates, String typed) {
        int eq = typed.indexOf('=');
        if (eq > 0) {
            Property p = IocageProperties.all().get(typed.substring(0, eq));
            if (p != null && p.type() == PropertyType.FLAG) {
                for (String value : List.of("on", "off")) {
                    candidates.add(new Candidate(p.name() + "=" + value, value, null, null, null, null, true));
                }
            }
            return;
        }
        for (Property p : IocageProperties.all().values()) {
            if (p.settable() && !p.defaultsOnly()) {
                candidates.add(new Candidate(p.name() + "=", p.name(), "properties", null, null, null, false));
            }
        }
    }

    private void jails(List<Candidate> candidates) {
        safely(() -> context.jails().list(false)).forEach(j -> candidates.add(new Candidate(j.name(), j.name(),
                "jails", j.state(), null, null, true)));
    }

    private void templates(List<Candidate> candidates) {
        safely(() -> context.jails().list(true)).forEach(j -> candidates.add(new Candidate(j.name())));
    }

    private void releases(List<Candidate> candidates) {
        List<Map<String, Object>> rows = safely(() -> context.jails().releases());
        rows.forEach(r -> candidates.add(new Candidate(String.valueOf(r.get("name")))));
    }

    /** Completion must never fail loudly: a state root that cannot be read offers nothing. */
    private static <T> List<T> safely(Supplier<List<T>> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return new ArrayList<>();
        }
    }
}
