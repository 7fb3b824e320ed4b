package org.jailsh.shell.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jailsh.spi.UsageException;

/** {@code --param KEY=VALUE} options as a map, in the order given. */
final class RecipeParams {

    private RecipeParams() {
    }

    static Map<String, Object> parse(List<String> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String param : params) {
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param " + param.replaceAll("=.*", "=…") + " is not KEY=VALUE",
                        "e.g. --param name=web");
            }
            String key = param.substring(0, eq);
            if (values.containsKey(key)) {
                throw new UsageException("--param " + key + " is given twice", "give each parameter once");
            }
            values.put(key, param.substring(eq + 1));
        }
        return values;
    }
}
