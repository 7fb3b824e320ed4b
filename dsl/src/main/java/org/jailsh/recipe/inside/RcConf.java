package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FreeBSD's rc.conf format, {@code KEY="VALUE"} lines, which {@code sysrc} keeps in a Linux jail's /etc/rc.conf too:
 * read, and rewritten with changed keys in place and new keys at the end (comments and other lines kept).
 */
final class RcConf {

    static final String PATH = "/etc/rc.conf";
    private static final Pattern LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=\"?([^\"]*)\"?\\s*$");

    private final List<String> lines;

    private RcConf(List<String> lines) {
        this.lines = lines;
    }

    static RcConf parse(String text) {
        return new RcConf(new ArrayList<>(text.lines().toList()));
    }

    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                values.put(m.group(1), m.group(2));
            }
        }
        return values;
    }

    /** The file with {@code changes} applied. */
    String with(Map<String, String> changes) {
        List<String> out = new ArrayList<>();
        Map<String, String> todo = new LinkedHashMap<>(changes);
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches() && todo.containsKey(m.group(1))) {
                out.add(m.group(1) + "=\"" + todo.remove(m.group(1)) + "\"");
            } else {
                out.add(line);
            }
        }
        if (lines.isEmpty()) {
            out.add("# Managed by jailsh's sysrc: FreeBSD's rc.conf format; NAME_enable=\"YES\" starts NAME at boot.");
        }
        todo.forEach((key, value) -> out.add(key + "=\"" + value + "\""));
        return String.join("\n", out) + "\n";
    }
}
