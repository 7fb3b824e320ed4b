package org.jailsh.freebsd;

import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/**
 * Shared-IP addresses for {@code ip4.addr} / {@code ip6.addr} (iocage.md §7.1, §4.3 step 9): entries keep
 * {@code iface|addr/mask}, which jail(8) turns into aliases; a bare address gets the default route's NIC unless the
 * host already has that address, as iocage's check_aliases does.
 */
final class SharedIp {

    private SharedIp() {
    }

    static void addresses(JailRef jail, List<String> ip4, List<String> ip6, ProviderContext ctx) {
        String hostIfconfig = null;
        HostRoutes routes = null;
        for (String property : List.of("ip4_addr", "ip6_addr")) {
            String value = jail.property(property);
            if (value.equals("none")) {
                continue;
            }
            for (String item : value.split(",")) {
                String entry = item.strip();
                if (entry.startsWith("DEFAULT|")) {
                    entry = entry.substring("DEFAULT|".length());
                }
                if (entry.isEmpty()) {
                    continue;
                }
                if (!entry.matches("([A-Za-z0-9_.]+\\|)?[0-9A-Fa-f:./]+")) {
                    throw new ValidationException(jail.name() + ": " + property + " entry '" + entry
                            + "' is not [iface|]address[/mask]", "e.g. em0|192.168.1.10/24");
                }
                if (!entry.contains("|")) {
                    if (hostIfconfig == null) {
                        hostIfconfig = ctx.exec().run(Command.of("ifconfig")).stdout();
                        routes = HostRoutes.read(ctx);
                    }
                    String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
                    boolean v6 = property.equals("ip6_addr");
                    String nic = v6 && !routes.interface6().isEmpty() ? routes.interface6() : routes.interface4();
                    if (!hostIfconfig.contains((v6 ? "inet6 " : "inet ") + address + " ") && !nic.isEmpty()) {
                        entry = nic + "|" + entry;
                    }
                }
                (property.equals("ip4_addr") ? ip4 : ip6).add(entry);
            }
        }
    }
}
