package org.jailsh.freebsd;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.JailRef;
import org.jailsh.spi.ValidationException;

/**
 * A VNET jail's network as its properties describe it (iocage.md §7.2, §4.4): the NICs of {@code interfaces}
 * ({@code vnet0:bridge0,vnet1:bridge1}), and per NIC its addresses from {@code ip4_addr}/{@code ip6_addr}
 * ({@code vnetN|addr/mask}, iface defaulting to vnet0), DHCP and SLAAC. Inside the jail NIC vnetN is always
 * {@code epairNb}.
 */
record VnetConfig(List<Nic> nics, boolean nat) {

    record Nic(String name, int index, String bridge, List<String> ip4, List<String> ip6, boolean dhcp,
               boolean rtadv) {

        /** The name inside the jail. */
        String jailSide() {
            return "epair" + index + "b";
        }

        /** The host side once renamed: {@code vnetN.JID}. */
        String hostSide(String jid) {
            return name + "." + jid;
        }

        boolean bridged() {
            return !bridge.equals("none");
        }
    }

    /** The VNET NICs of a VNET jail; none for a shared-IP jail. */
    static VnetConfig of(JailRef jail) {
        if (!jail.flag("vnet")) {
            return new VnetConfig(List.of(), false);
        }
        boolean dhcpAll = jail.flag("dhcp");
        List<String[]> ip4 = entries(jail, "ip4_addr");
        List<String[]> ip6 = entries(jail, "ip6_addr");
        List<Nic> nics = new ArrayList<>();
        String interfaces = jail.property("interfaces");
        for (String item : interfaces.split(",")) {
            String[] pair = item.strip().split(":", 2);
            if (pair.length != 2 || !pair[0].matches("vnet[0-3]") || !pair[1].matches("[A-Za-z0-9_.]+")) {
                throw new ValidationException(jail.name() + ": interfaces '" + interfaces + "' is not nic:bridge[,…]",
                        "e.g. vnet0:bridge0 (nics vnet0 to vnet3)");
            }
            String nic = pair[0];
            List<String> v4 = ip4.stream().filter(e -> e[0].equals(nic) && !e[1].equalsIgnoreCase("DHCP"))
                    .map(e -> e[1]).toList();
            List<String> v6 = ip6.stream().filter(e -> e[0].equals(nic) && !e[1].equals("accept_rtadv"))
                    .map(e -> e[1]).toList();
            boolean dhcp = dhcpAll || ip4.stream().anyMatch(e -> e[0].equals(nic) && e[1].equalsIgnoreCase("DHCP"));
            boolean rtadv = ip6.stream().anyMatch(e -> e[0].equals(nic) && e[1].equals("accept_rtadv"));
            nics.add(new Nic(nic, Integer.parseInt(nic.substring(4)), pair[1], v4, v6, dhcp, rtadv));
        }
        return new VnetConfig(List.copyOf(nics), jail.flag("nat"));
    }

    /** {@code iface|addr} entries of an address property, the iface defaulting to vnet0; none for "none". */
    private static List<String[]> entries(JailRef jail, String property) {
        String value = jail.property(property);
        List<String[]> entries = new ArrayList<>();
        if (value.equals("none")) {
            return entries;
        }
        for (String item : value.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int bar = entry.indexOf('|');
            String iface = bar < 0 ? "vnet0" : entry.substring(0, bar);
            String addr = bar < 0 ? entry : entry.substring(bar + 1);
            if (!addr.matches("[0-9A-Fa-f:./%a-z_]+") && !addr.equalsIgnoreCase("DHCP")) {
                throw new ValidationException(jail.name() + ": " + property + " entry '" + entry
                        + "' is not an address", "write iface|address/mask, e.g. vnet0|192.168.1.10/24");
            }
            entries.add(new String[] {iface, addr});
        }
        return entries;
    }

    boolean anyDhcp() {
        return nics.stream().anyMatch(Nic::dhcp);
    }

    boolean anyRtadv() {
        return nics.stream().anyMatch(Nic::rtadv);
    }

    /** §4.4: with no address, no DHCP and no NAT no epair is made at all. */
    boolean needsEpairs() {
        return nat || nics.stream().anyMatch(n -> n.dhcp() || n.rtadv() || !n.ip4().isEmpty() || !n.ip6().isEmpty());
    }

    /** The NICs that get an epair: each with something to carry (NAT: the first). */
    List<Nic> wired() {
        if (!needsEpairs()) {
            return List.of();
        }
        if (nat) {
            return List.of(nics.get(0));
        }
        return nics.stream().filter(n -> n.dhcp() || n.rtadv() || !n.ip4().isEmpty() || !n.ip6().isEmpty()).toList();
    }
}
