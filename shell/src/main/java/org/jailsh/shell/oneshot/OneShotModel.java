package org.jailsh.shell.oneshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jailsh.spi.StartupResources;

/**
 * The verbs' command-line model as plain data, written at build time from picocli's model by
 * {@link OneShotModelWriter} into {@code one-shot-model.tsv} next to this class. Reading it costs a small file, where
 * building picocli's model costs its annotations, proxies and ~180 classes on every start.
 */
public record OneShotModel(List<Global> globals, Map<String, Verb> verbs, Set<String> commands) {

    static final String RESOURCE = "one-shot-model.tsv";

    /** What an option does with the words it takes. */
    public enum Kind { FLAG, VALUE, LIST }

    /** A shell option every verb inherits ({@code --root DIR}), bound to a setter of the shell command. */
    public record Global(List<String> names, String method, Kind kind, String type) {
    }

    /** A verb's option, bound to a field of its command. */
    public record Option(List<String> names, String field, Kind kind, boolean required) {
    }

    /** A positional parameter: the positions it takes (max -1 for any) and how many words it needs and allows. */
    public record Param(String field, int from, int to, int min, int max, boolean list) {

        boolean covers(int position) {
            return position >= from && (to < 0 || position <= to);
        }
    }

    /** A verb the one-shot parser can take; {@code stopAtPositional}: words after the first positional are all positional. */
    public record Verb(String name, String type, boolean stopAtPositional, List<Option> options, List<Param> params) {

        Option option(String word) {
            for (Option option : options) {
                if (option.names().contains(word)) {
                    return option;
                }
            }
            return null;
        }
    }

    Global global(String word) {
        for (Global global : globals) {
            if (global.names().contains(word)) {
                return global;
            }
        }
        return null;
    }

    /** The model built with the jar, or null when it is not there (a class path without the build's resources). */
    static OneShotModel bundled() {
        try {
            byte[] text = StartupResources.read(OneShotModel.class, RESOURCE);
            return text == null ? null : read(new String(text, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static OneShotModel read(String text) throws IOException {
        List<Global> globals = new ArrayList<>();
        Map<String, Verb> verbs = new HashMap<>();
        Set<String> commands = Set.of();
        Verb verb = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "commands" -> commands = Set.of(f[1].split(","));
                case "global" -> globals.add(new Global(List.of(f[1].split(",")), f[2], Kind.valueOf(f[3]), f[4]));
                case "verb" -> {
                    verb = new Verb(f[2], f[3], Boolean.parseBoolean(f[4]), new ArrayList<>(), new ArrayList<>());
                    for (String name : f[1].split(",")) {
                        verbs.put(name, verb);
                    }
                }
                case "option" -> verb.options().add(new Option(List.of(f[1].split(",")), f[2], Kind.valueOf(f[3]),
                        Boolean.parseBoolean(f[4])));
                case "param" -> verb.params().add(new Param(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), Boolean.parseBoolean(f[6])));
                default -> throw new IOException("unknown line in " + RESOURCE + ": " + line);
            }
        }
        return new OneShotModel(List.copyOf(globals), Map.copyOf(verbs), commands);
    }
}
