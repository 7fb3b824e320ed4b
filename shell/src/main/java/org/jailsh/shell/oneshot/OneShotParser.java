package org.jailsh.shell.oneshot;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jailsh.shell.oneshot.OneShotModel.Global;
import org.jailsh.shell.oneshot.OneShotModel.Kind;
import org.jailsh.shell.oneshot.OneShotModel.Option;
import org.jailsh.shell.oneshot.OneShotModel.Param;
import org.jailsh.shell.oneshot.OneShotModel.Verb;

/**
 * Reads the plain command lines people type most ({@code list -l}, {@code start web db}, {@code --root R set
 * vnet=on web}) without picocli, from the build's {@link OneShotModel}. It takes a line only when picocli would take
 * it and give the same values; anything else (help, a typo, a clustered {@code -lH}, {@code --}, an {@code @file},
 * an option given twice, a value that looks like an option) is left to picocli, which reads it or explains what is
 * wrong. {@code OneShotParserSpec} holds it to that against picocli itself.
 */
public final class OneShotParser {

    private static final class Bundled {
        static final OneShotModel MODEL = OneShotModel.bundled();
    }

    private OneShotParser() {
    }

    /** The line, or null when picocli should read it ({@code -Djailsh.oneshot=off}: always picocli). */
    public static OneShotLine parse(String[] args) {
        if ("off".equals(System.getProperty("jailsh.oneshot")) || picocliTuned()) {
            return null;
        }
        return Bundled.MODEL == null ? null : parse(Bundled.MODEL, args);
    }

    /** picocli's parsing changed by a system property ({@code -Dpicocli.trimQuotes=true}…): picocli reads it all. */
    private static boolean picocliTuned() {
        for (Object key : System.getProperties().keySet()) {
            String name = String.valueOf(key);
            if (name.startsWith("picocli.") && !name.equals("picocli.disable.closures")) {
                return true;
            }
        }
        return false;
    }

    static OneShotLine parse(OneShotModel model, String[] args) {
        List<Map.Entry<Global, String>> shellOptions = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            int last = shellOption(model, args, i, shellOptions);
            if (last < 0) {
                return null;
            }
            i = last + 1;
        }
        Verb verb = i < args.length ? model.verbs().get(args[i]) : null;
        if (verb == null) {
            return null; // no verb (the REPL, -c), help, a typo
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        List<List<String>> runs = new ArrayList<>(); // the positional words, in runs between options
        List<String> run = null;
        boolean onlyPositional = false;
        for (i++; i < args.length; i++) {
            String word = args[i];
            if (word.startsWith("@") || word.equals("--")) {
                return null; // picocli's argument files and end of options
            }
            if (!onlyPositional && word.startsWith("-") && word.length() > 1) {
                Option option = verb.option(name(word));
                i = option == null ? shellOption(model, args, i, shellOptions) : option(option, args, i, fields);
                if (i < 0) {
                    return null;
                }
                run = null;
            } else {
                if (run == null) {
                    run = new ArrayList<>();
                    runs.add(run);
                }
                run.add(word);
                onlyPositional = verb.stopAtPositional();
            }
        }
        return assign(verb, runs, fields) ? new OneShotLine(shellOptions, verb, fields) : null;
    }

    private static String name(String word) {
        int equals = word.indexOf('=');
        return word.startsWith("--") && equals > 0 ? word.substring(0, equals) : word;
    }

    /** The value attached with {@code =} to a long option, or null. */
    private static String attached(String word) {
        int equals = word.indexOf('=');
        return word.startsWith("--") && equals > 0 ? word.substring(equals + 1) : null;
    }

    /** Reads the option at {@code i}; returns the index of its last word, or -1 to leave the line to picocli. */
    private static int option(Option option, String[] args, int i, Map<String, Object> fields) {
        String key = option.field();
        if (option.kind() != Kind.LIST && fields.containsKey(key)) {
            return -1; // given twice: picocli says so
        }
        if (option.kind() == Kind.FLAG) {
            if (attached(args[i]) != null) {
                return -1;
            }
            fields.put(key, Boolean.TRUE);
            return i;
        }
        String value = value(args, i);
        if (value == null) {
            return -1;
        }
        if (option.kind() == Kind.VALUE) {
            fields.put(key, value);
        } else {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) fields.computeIfAbsent(key, k -> new ArrayList<String>());
            values.add(value);
        }
        return valueIndex(args, i);
    }

    /** The value of the option at {@code i}, attached with {@code =} or the next word; null for picocli to judge. */
    private static String value(String[] args, int i) {
        String value = attached(args[i]);
        if (value == null && i + 1 < args.length) {
            value = args[i + 1];
        }
        return value == null || value.startsWith("-") || value.startsWith("@") ? null : value;
    }

    private static int valueIndex(String[] args, int i) {
        return attached(args[i]) != null ? i : i + 1;
    }

    private static int shellOption(OneShotModel model, String[] args, int i,
                                   List<Map.Entry<Global, String>> shellOptions) {
        Global global = model.global(name(args[i]));
        if (global == null || shellOptions.stream().anyMatch(e -> e.getKey() == global)) {
            return -1;
        }
        if (global.kind() == Kind.FLAG) {
            if (attached(args[i]) != null) {
                return -1;
            }
            shellOptions.add(new AbstractMap.SimpleImmutableEntry<>(global, null));
            return i;
        }
        String value = value(args, i);
        if (value == null || model.commands().contains(value)) {
            return -1;
        }
        shellOptions.add(new AbstractMap.SimpleImmutableEntry<>(global, value));
        return valueIndex(args, i);
    }

    /**
     * Hands out the positional words as picocli does: at each position, every parameter covering it takes at least
     * its arity's minimum and up to its maximum from the words before the next option, and the position moves on by
     * the most any of them took. False when picocli would refuse the line: a word nobody takes, too few words for a
     * parameter, a required parameter or option missing, a single value given twice.
     */
    private static boolean assign(Verb verb, List<List<String>> runs, Map<String, Object> fields) {
        for (Option option : verb.options()) {
            if (option.required() && !fields.containsKey(option.field())) {
                return false;
            }
        }
        // by identity: a record's own hashCode is bootstrapped through method handles, ~15 ms on a cold JVM
        Map<Param, List<String>> taken = new IdentityHashMap<>();
        int position = 0;
        for (List<String> run : runs) {
            int at = 0;
            while (at < run.size()) {
                int left = run.size() - at;
                int consumed = 0;
                for (Param param : verb.params()) {
                    if (!param.covers(position)) {
                        continue;
                    }
                    if (left < param.min()) {
                        return false;
                    }
                    int take = param.max() < 0 ? left : Math.min(left, param.max());
                    taken.computeIfAbsent(param, p -> new ArrayList<>()).addAll(run.subList(at, at + take));
                    consumed = Math.max(consumed, take);
                }
                if (consumed == 0) {
                    return false;
                }
                at += consumed;
                position += consumed;
            }
        }
        for (Param param : verb.params()) {
            List<String> values = taken.get(param);
            if (values == null || values.isEmpty()) {
                if (param.min() > 0) {
                    return false;
                }
            } else if (param.list()) {
                fields.put(param.field(), values);
            } else if (values.size() == 1) {
                fields.put(param.field(), values.get(0));
            } else {
                return false;
            }
        }
        return true;
    }
}
