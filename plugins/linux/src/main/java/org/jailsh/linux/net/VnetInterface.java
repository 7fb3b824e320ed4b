package org.jailsh.linux.net;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.JailRef;

/**
 * One VNET interface of a jail as its properties describe it: {@code interfaces=vnet0:bridge0}, the addresses of
 * {@code ip4_addr}/{@code ip6_addr} written for that interface ({@code vnet0|192.0.2.10/24}), MTU and MACs.
 */
record VnetInterface(int index, String bridge, List<String> ipv4, List<String> ipv6, boolean dhcp) {

    String name() {
        return "vnet" + index;
    }

    /** Host-side name: {@code vnetN.JID}, as iocage names it; always within the kernel's 15 characters. */
    String hostName(String jid) {
        String name = "vnet" + index + "." + jid;
        return name.length() <= 15 ? name : "vn" + index + "." + jid.substring(Math.max(0, jid.length() - 11));
    }

    static List<VnetInterface> of(JailRef jail) {
        List<VnetInterface> result = new ArrayList<>();
        boolean allDhcp = jail.flag("dhcp");
        for (String pair : jail.property("interfaces").split(",")) {
            String[] parts = pair.trim().split(":");
            if (parts.length != 2 || !parts[0].matches("vnet[0-3]")) {
                continue;
            }
            String nic = parts[0];
            int index = Integer.parseInt(nic.substring(4));
            List<String> v4 = addresses(jail.property("ip4_addr"), nic, index == 0);
            List<String> v6 = addresses(jail.property("ip6_addr"), nic, index == 0);
            boolean dhcp = allDhcp || v4.removeIf(a -> a.equalsIgnoreCase("DHCP"));
            v6.removeIf(a -> a.equals("accept_rtadv"));
            result.add(new VnetInterface(index, parts[1], v4, v6, dhcp));
        }
        return result;
    }

    /** Addresses for {@code nic}; items without an interface belong to vnet0, as in iocage. */
    private static List<String> addresses(String value, String nic, boolean isDefault) {
        List<String> out = new ArrayList<>();
        if (value == null || value.equals("none") || value.isBlank()) {
            return out;
        }
        for (String item : value.split(",")) {
            int bar = item.indexOf('|');
            String iface = bar >= 0 ? item.substring(0, bar) : null;
            String address = bar >= 0 ? item.substring(bar + 1) : item;
            if (nic.equals(iface) || iface == null && isDefault) {
                out.add(address);
            }
        }
        return out;
    }
}
