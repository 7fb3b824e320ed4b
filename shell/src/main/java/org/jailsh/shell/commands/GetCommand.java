package org.jailsh.shell.commands;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Show a property of a jail (all: every property).")
public final class GetCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "PROPERTY", description = "A property name, or all.")
    String property;

    @Parameters(index = "1", paramLabel = "NAME", description = "The jail (a unique prefix is enough).")
    String jail;

    @Override
    int run() {
        Object value = jails().get(property, jail);
        if (output().json()) {
            output().printJson(value instanceof Map<?, ?> ? value : Map.of(property, String.valueOf(value)));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> output().line(k + ":" + (v == null ? "none" : v)));
        } else {
            output().line(value == null ? "none" : String.valueOf(value));
        }
        return 0;
    }
}
