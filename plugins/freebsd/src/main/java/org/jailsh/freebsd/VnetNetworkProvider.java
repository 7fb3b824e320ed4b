package org.jailsh.freebsd;

import java.util.List;
import java.util.Set;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.NetworkProvider;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RunState;
import org.jailsh.spi.ValidationException;

/**
 * Network {@code vnet}: VNET jails get an epair per NIC of {@code interfaces}, joined to its bridge, with addresses,
 * default route and optionally pf NAT (iocage.md §4.4, §7). Shared-IP jails need nothing here: jail(8) adds their
 * {@code ip4.addr} aliases from the parameter file the runtime writes. DHCP is the jail's own rc ({@code SYNCDHCP},
 * written by the runtime before the jail is created); the runtime checks the lease after the jail's start.
 */
public final class VnetNetworkProvider implements NetworkProvider {

    @Override
    public String id() {
        return "vnet";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.FREEBSD);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("vnet", "bridge", "shared-ip", "nat", "dhcp", "slaac");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (!facts.hasCommand("jail")) {
            return Availability.unavailable("needs FreeBSD: jail(8) not found");
        }
        if (!facts.hasCommand("ifconfig")) {
            return Availability.unavailable("needs ifconfig(8)");
        }
        return Availability.ok();
    }

    @Override
    public void attach(JailRef jail, RunState state, ProviderContext ctx) {
        if (!jail.flag("vnet")) {
            return;
        }
        VnetConfig config = VnetConfig.of(jail);
        List<VnetConfig.Nic> nics = config.wired();
        if (nics.isEmpty()) {
            return;
        }
        String jid = jid(jail, state == null ? null : state.jid(), ctx);
        HostRoutes routes = HostRoutes.read(ctx);
        if (ctx.exec().dryRun()) {
            routes = routes.orPlaceholders();
        }
        VnetPlumbing plumbing = new VnetPlumbing(jail, jid, routes, ctx);
        if (config.nat()) {
            String natInterface = natInterface(jail, routes);
            PfNat.Pair pair = PfNat.allocate(jail, ctx.exec().run(Command.of("ifconfig")).stdout());
            plumbing.wire(nics.get(0), pair);
            ctx.exec().check(Jexec.in(jail, "route", "add", "default", pair.host()));
            PfNat.load(jail, natInterface, pair.jail(), ctx);
            return;
        }
        for (VnetConfig.Nic nic : nics) {
            plumbing.wire(nic, null);
        }
        defaultRoutes(jail, config, nics, routes, ctx);
    }

    /** §4.4 step 8: after every NIC is up, the default routes ({@code auto} = the host's gateway). */
    private static void defaultRoutes(JailRef jail, VnetConfig config, List<VnetConfig.Nic> nics, HostRoutes routes,
                                      ProviderContext ctx) {
        String router = jail.property("defaultrouter");
        boolean anyIp4 = nics.stream().anyMatch(n -> !n.ip4().isEmpty());
        if (!config.anyDhcp() && anyIp4 && !router.equals("none")) {
            String gateway = router.equals("auto") ? routes.gateway4() : router;
            if (gateway.isEmpty()) {
                ctx.reporter().info(jail.name() + ": the host has no IPv4 default route, so the jail gets none");
            } else {
                ctx.exec().check(Jexec.in(jail, "route", "add", "default", checked(jail, "defaultrouter", gateway)));
            }
        }
        String router6 = jail.property("defaultrouter6");
        boolean anyIp6 = nics.stream().anyMatch(n -> !n.ip6().isEmpty());
        if (anyIp6 && !config.anyRtadv() && !router6.equals("none")) {
            String gateway = router6.equals("auto") ? routes.gateway6() : router6;
            if (gateway.startsWith("fe80:") && gateway.contains("%")) {
                gateway = gateway.substring(0, gateway.indexOf('%') + 1) + nics.get(0).jailSide();
            }
            if (!gateway.isEmpty()) {
                ctx.exec().check(Jexec.in(jail, "route", "add", "-6", "default",
                        checked(jail, "defaultrouter6", gateway)));
            }
        }
    }

    private static String checked(JailRef jail, String property, String gateway) {
        if (!gateway.matches("[0-9A-Za-z:.%_]+")) {
            throw new ValidationException(jail.name() + ": " + property + " '" + gateway + "' is not an address",
                    "auto, none or an IP address");
        }
        return gateway;
    }

    private static String natInterface(JailRef jail, HostRoutes routes) {
        String configured = jail.property("nat_interface");
        String nic = configured.equals("none") ? routes.interface4() : configured;
        if (nic.isEmpty()) {
            throw new ValidationException(jail.name() + ": the host has no default route, so NAT has no interface",
                    "set nat_interface=NIC default");
        }
        if (!nic.matches("[A-Za-z0-9_.]+")) {
            throw new ValidationException(jail.name() + ": nat_interface '" + nic + "' is not a NIC name",
                    "none (the default route's NIC) or a NIC such as em0");
        }
        return nic;
    }

    /** The JID that names host-side NICs; a dry run has none, so plans show {@code vnet0.JID}. */
    static String jid(JailRef jail, String known, ProviderContext ctx) {
        String jid = known;
        if (jid == null || jid.isBlank()) {
            jid = ctx.exec().run(Command.of("jls", "-j", jail.hostName(), "jid")).stdout().strip();
        }
        if (jid.matches("\\d+")) {
            return jid;
        }
        if (ctx.exec().dryRun()) {
            return "JID";
        }
        throw new JailshException(jail.name() + " is not running, so it has no network to change",
                "start it first");
    }

    /**
     * Removes what attach made: the host side of each epair (which takes the jail side with it, §4.5 step 4) and
     * the jail's NAT anchor. A jail that is already gone has no epairs left to remove.
     */
    @Override
    public void detach(JailRef jail, ProviderContext ctx) {
        if (!jail.flag("vnet")) {
            return;
        }
        VnetConfig config = VnetConfig.of(jail);
        if (config.nat()) {
            PfNat.flush(jail, ctx);
        }
        String jid = ctx.exec().run(Command.of("jls", "-j", jail.hostName(), "jid")).stdout().strip();
        if (!jid.matches("\\d+")) {
            if (!ctx.exec().dryRun()) {
                return;
            }
            jid = "JID";
        }
        for (VnetConfig.Nic nic : config.wired()) {
            ctx.exec().run(Command.of("ifconfig", nic.hostSide(jid), "destroy"));
        }
    }
}
