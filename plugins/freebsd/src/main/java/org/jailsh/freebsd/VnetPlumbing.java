package org.jailsh.freebsd;

import java.util.Locale;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/**
 * One VNET NIC of a started jail, iocage.md §4.4 steps 1–7: MTU, MACs, the epair, its host side renamed
 * {@code vnetN.JID}, its jail side moved in and renamed {@code epairNb}, the bridge, the addresses.
 */
final class VnetPlumbing {

    private final JailRef jail;
    private final String jid;
    private final HostRoutes routes;
    private final ProviderContext ctx;
    private boolean offloadWarned;

    VnetPlumbing(JailRef jail, String jid, HostRoutes routes, ProviderContext ctx) {
        this.jail = jail;
        this.jid = jid;
        this.routes = routes;
        this.ctx = ctx;
    }

    /** @param nat the NAT /30 for this NIC, or null for a bridged NIC */
    void wire(VnetConfig.Nic nic, PfNat.Pair nat) {
        String mtu = mtu(nic, nat != null);
        Macs.Pair macs = Macs.of(jail, nic.name());
        String epairA = createEpair(nic);
        String epairB = epairA.substring(0, epairA.length() - 1) + "b";
        String host = nic.hostSide(jid);
        String inside = nic.jailSide();
        ctx.exec().check("ifconfig", epairA, "name", host, "mtu", mtu);
        ctx.exec().check("ifconfig", host, "link", macs.host());
        ctx.exec().check("ifconfig", host, "description",
                "associated with jail: " + jail.name() + " as nic: " + inside);
        if (nic.rtadv()) {
            ctx.exec().check("ifconfig", host, "inet6", "auto_linklocal", "accept_rtadv", "autoconf");
        }
        ctx.exec().check("ifconfig", epairB, "vnet", jail.hostName());
        ctx.exec().check("jexec", jail.hostName(), "ifconfig", epairB, "mtu", mtu);
        if (!epairB.equals(inside)) {
            ctx.exec().check(Jexec.in(jail, "ifconfig", epairB, "name", inside));
        }
        ctx.exec().check(Jexec.in(jail, "ifconfig", inside, "link", macs.jail()));
        if (nat != null) {
            ctx.exec().check("ifconfig", host, "inet", nat.host() + "/30");
        } else if (nic.bridged()) {
            joinDefaultInterface(nic.bridge());
            ctx.exec().check("ifconfig", nic.bridge(), "addm", host, "up");
        }
        ctx.exec().check("ifconfig", host, "up");
        if (nat != null) {
            ctx.exec().check(Jexec.in(jail, "ifconfig", inside, nat.jail() + "/30", "alias"));
            return;
        }
        if (!nic.dhcp()) {
            for (String address : nic.ip4()) {
                ctx.exec().check(Jexec.in(jail, "ifconfig", inside, address, "alias"));
            }
        }
        for (String address : nic.ip6()) {
            ctx.exec().check(Jexec.in(jail, "ifconfig", inside, "inet6", address, "up"));
        }
    }

    /** §4.4 step 3: the kernel names the pair; a dry run prints nothing, so plans show the NIC's own number. */
    private String createEpair(VnetConfig.Nic nic) {
        String created = ctx.exec().check(Command.of("ifconfig", "epair", "create")).stdout().strip();
        if (created.isEmpty() && ctx.exec().dryRun()) {
            created = "epair" + nic.index() + "a";
            ctx.reporter().info("dry run: ifconfig epair create names the pair; the plan shows " + created);
        }
        if (!created.matches("epair\\d+a")) {
            throw new JailshException(jail.name() + ": ifconfig epair create answered '" + created + "'",
                    "is the if_epair module loaded (kldload if_epair)?");
        }
        return created;
    }

    /** §4.4 step 1: vnetN_mtu, else the MTU of the bridge's first member, else vnet_default_mtu. */
    private String mtu(VnetConfig.Nic nic, boolean nat) {
        String configured = jail.property(nic.name() + "_mtu");
        if (!configured.equals("auto") && !configured.equals("none")) {
            return number(nic.name() + "_mtu", configured);
        }
        String fallback = number("vnet_default_mtu", jail.property("vnet_default_mtu"));
        if (nat || !nic.bridged()) {
            return fallback;
        }
        ctx.exec().run(Command.of("ifconfig", nic.bridge(), "create"));
        String member = null;
        for (String line : ctx.exec().run(Command.of("ifconfig", nic.bridge())).stdout().split("\n")) {
            String l = line.strip();
            if (l.startsWith("member: ") && member == null) {
                member = l.split("\\s+")[1];
            }
        }
        if (member == null) {
            return fallback;
        }
        String[] words = ctx.exec().run(Command.of("ifconfig", member)).stdout().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("mtu") && words[i + 1].matches("\\d+")) {
                return words[i + 1];
            }
        }
        return fallback;
    }

    /**
     * §4.4 step 6: {@code vnet_default_interface} (auto = the NIC of the host's default route) joins the bridge. With
     * {@code JAILSH_DISABLE_OFFLOAD=yes} its offloading is cleared first (§7.5); otherwise the seed's advice is shown.
     */
    private void joinDefaultInterface(String bridge) {
        String configured = jail.property("vnet_default_interface");
        String nic = configured.equals("auto") ? routes.interface4() : configured;
        if (nic.isEmpty() || nic.equals("none")) {
            return;
        }
        if (!nic.matches("[A-Za-z0-9_.]+")) {
            throw new ValidationException(jail.name() + ": vnet_default_interface '" + nic + "' is not a NIC name",
                    "auto, none or a NIC such as em0");
        }
        String disable = ctx.facts().env().getOrDefault("JAILSH_DISABLE_OFFLOAD", "").toLowerCase(Locale.ROOT);
        if (disable.equals("yes") || disable.equals("1") || disable.equals("true")) {
            ctx.exec().run(Command.of("ifconfig", nic, "-rxcsum", "-txcsum", "-tso", "-lro", "-vlanhwtso"));
        } else if (!offloadWarned) {
            offloadWarned = true;
            ctx.reporter().warn(nic + " is paired with " + jail.name() + " through " + bridge + " with hardware "
                    + "offloading on; disable it on that interface (TrueNAS: Disable Hardware Offloading; jailsh: "
                    + "JAILSH_DISABLE_OFFLOAD=yes) to prevent a network interface reset when the jail starts");
        }
        ctx.exec().run(Command.of("ifconfig", bridge, "addm", nic));
    }

    private String number(String property, String value) {
        if (!value.matches("\\d{3,5}")) {
            throw new ValidationException(jail.name() + ": " + property + " '" + value + "' is not an MTU",
                    "e.g. 1500, or auto");
        }
        return value;
    }
}
