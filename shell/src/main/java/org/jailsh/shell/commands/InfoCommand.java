package org.jailsh.shell.commands;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Everything about one jail: state, interfaces, mounts, snapshots, changed properties.")
public final class InfoCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Override
    int run() {
        Map<String, Object> info = jails().info(jail);
        if (output().json()) {
            output().printJson(info);
            return 0;
        }
        print(info, "");
        return 0;
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> map, String indent) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                output().line(indent + key + ":");
                print((Map<String, Object>) nested, indent + "  ");
            } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                output().line(indent + key + ":");
                for (Object item : list) {
                    output().line(indent + "  - " + ((Map<String, Object>) item).entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")));
                }
            } else {
                output().line(indent + key + ": " + (value == null ? "-" : value));
            }
        });
    }
}
