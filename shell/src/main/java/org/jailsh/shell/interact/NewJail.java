package org.jailsh.shell.interact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jailsh.model.JailType;
import org.jailsh.verbs.CreateRequest;

/**
 * The wizard's answers, and the two ways to say the same thing without it: the iocage-style command line and the
 * Groovy block. The summary shows both so that the wizard teaches the vocabulary it stands in for.
 */
public record NewJail(String name, JailType type, String release, String network, Map<String, String> properties) {

    /** DSL statements of their own for these properties; the rest are written as property statements. */
    private static final Map<String, String> DSL = Map.of("ip4_addr", "ip4", "ip6_addr", "ip6");
    private static final Set<String> FLAGS = Set.of("vnet", "dhcp", "nat", "bpf");

    public NewJail {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public CreateRequest request() {
        return new CreateRequest(name, release, null, type, false, properties, List.of());
    }

    /** e.g. {@code create -r busybox -n web -b vnet=on ip4_addr="vnet0|10.0.0.5/24"}. */
    public String cliLine() {
        StringBuilder line = new StringBuilder("create -r " + release + " -n " + name);
        if (type == JailType.BASEJAIL) {
            line.append(" -b");
        }
        properties.forEach((key, value) -> line.append(' ').append(key).append('=').append(cliValue(value)));
        return line.toString();
    }

    /** e.g. {@code jail('web') { release 'busybox'; basejail true; vnet true; ip4 'vnet0|10.0.0.5/24' }}. */
    public String dslBlock() {
        StringBuilder block = new StringBuilder("jail('" + name + "') { release '" + release + "'");
        if (type == JailType.BASEJAIL) {
            block.append("; basejail true");
        }
        String statements = properties.entrySet().stream().map(e -> {
            String verb = DSL.getOrDefault(e.getKey(), e.getKey());
            String value = FLAGS.contains(e.getKey()) ? String.valueOf(e.getValue().equals("on"))
                    : "'" + e.getValue() + "'";
            return "; " + verb + " " + value;
        }).collect(Collectors.joining());
        return block.append(statements).append(" }").toString();
    }

    /** Values with characters a shell or the REPL would split on are quoted, as iocage's documentation does. */
    private static String cliValue(String value) {
        return value.matches("[A-Za-z0-9._/:,-]+") ? value : "\"" + value + "\"";
    }
}
