package org.jailsh.freebsd;

import java.util.List;
import java.util.Map;

import org.jailsh.spi.Command;
import org.jailsh.spi.ProviderContext;

/**
 * The host's default routes from one {@code netstat -r -n --libxo json} (iocage.md §4.3 step 3): the gateway that
 * {@code defaultrouter=auto} means, and the NIC that {@code vnet_default_interface=auto} and {@code nat_interface}
 * mean. Empty strings when there is no default route (or in a dry run).
 */
record HostRoutes(String gateway4, String interface4, String gateway6, String interface6) {

    static final HostRoutes NONE = new HostRoutes("", "", "", "");

    static HostRoutes read(ProviderContext ctx) {
        return parse(ctx.exec().run(Command.of("netstat", "-r", "-n", "--libxo", "json")).stdout());
    }

    /** For plans: what a dry run cannot know is shown as {@code GATEWAY} and {@code DEFAULT_NIC}. */
    HostRoutes orPlaceholders() {
        return new HostRoutes(or(gateway4, "GATEWAY"), or(interface4, "DEFAULT_NIC"), or(gateway6, "GATEWAY6"),
                or(interface6, "DEFAULT_NIC"));
    }

    private static String or(String value, String placeholder) {
        return value.isEmpty() ? placeholder : value;
    }

    static HostRoutes parse(String json) {
        String[] found = {"", "", "", ""};
        Json.walk(Json.parse(json), node -> {
            Object family = node.get("address-family");
            if (!(family instanceof String name) || !(node.get("rt-entry") instanceof List<?> entries)) {
                return;
            }
            int slot = name.equals("Internet") ? 0 : name.equals("Internet6") ? 2 : -1;
            if (slot < 0) {
                return;
            }
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> e && "default".equals(e.get("destination")) && found[slot].isEmpty()) {
                    found[slot] = String.valueOf(e.get("gateway"));
                    found[slot + 1] = e.get("interface-name") == null ? "" : String.valueOf(e.get("interface-name"));
                }
            }
        });
        return new HostRoutes(found[0], found[1], found[2], found[3]);
    }
}
