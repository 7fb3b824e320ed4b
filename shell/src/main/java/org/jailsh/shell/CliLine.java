package org.jailsh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognises REPL lines written the iocage way ({@code set vnet=on web}, {@code create -r busybox -n db}) so they go
 * through the CLI's parser: the first word is a verb and nothing in the line is Groovy syntax.
 */
final class CliLine {

    static final Set<String> VERBS = Set.of("list", "info", "get", "set", "create", "start", "stop", "restart", "exec",
            "console", "fetch", "releases", "update", "upgrade", "snapshot", "snaplist", "rollback", "fstab",
            "destroy", "activate", "providers", "run", "recipes", "recipe", "doctor", "help");

    private CliLine() {
    }

    /** Options of the whole shell; on a REPL line they would silently change every later line. */
    static final Set<String> GLOBAL_OPTIONS = Set.of("--root", "--platform", "--dry-run", "--json", "--debug");

    static boolean isCli(String line) {
        String first = line.split("\\s+")[0];
        if (!VERBS.contains(first)) {
            return false;
        }
        // Groovy argument lists: a quoted word followed by a comma, maps, closures, calls
        boolean groovyList = line.matches(".*['\"]\\s*,.*");
        return !(groovyList || line.contains("(") || line.contains("{") || line.contains("[") || line.contains(": ")
                || line.contains(",") && !Set.of("set", "create", "run", "recipe").contains(first));
    }

    /** The first shell-wide option on the line, or null. */
    static String globalOption(List<String> words) {
        for (String word : words) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (GLOBAL_OPTIONS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** Splits like a shell: single and double quotes group words; no expansion of any kind. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
