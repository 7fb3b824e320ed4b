package org.jailsh.freebsd;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jailsh.spi.Command;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RunState;

/** Every running jail from one {@code jls --libxo json -v} (iocage.md §8.2): jail name → its state and JID. */
final class Jls {

    private Jls() {
    }

    static Map<String, RunState> all(ProviderContext ctx) {
        return parse(ctx.exec().run(Command.of("jls", "--libxo", "json", "-v")).stdout());
    }

    static Map<String, RunState> parse(String json) {
        Map<String, RunState> states = new LinkedHashMap<>();
        Json.walk(Json.parse(json), node -> {
            if (node.get("name") instanceof String name && node.get("jid") != null) {
                states.put(name, new RunState(true, String.valueOf(node.get("jid"))));
            }
        });
        return states;
    }
}
