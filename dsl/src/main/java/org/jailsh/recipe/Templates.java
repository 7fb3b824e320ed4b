package org.jailsh.recipe;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a recipe's template file ({@code file '/etc/motd', from: 'motd'}): {@code ${name}} becomes the value of
 * the parameter (or variable) {@code name}; {@code \${name}} stays {@code ${name}}; any other {@code $} is left
 * alone, so shell scripts and configs with their own {@code ${HOME}} survive. Nothing is evaluated.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("(\\\\?)\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Templates() {
    }

    public static String render(String text, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + "}";
            } else if (values.containsKey(m.group(2))) {
                Object value = values.get(m.group(2));
                replacement = value == null ? "" : String.valueOf(value);
            } else {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
