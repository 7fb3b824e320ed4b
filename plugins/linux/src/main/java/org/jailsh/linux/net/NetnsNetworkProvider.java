package org.jailsh.linux.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.NetworkProvider;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.RunState;
import org.jailsh.spi.ValidationException;

/**
 * VNET on Linux: the jail's own network namespace (made by the runtime) joined to a host bridge by a veth pair per
 * {@code interfaces} entry; static addresses, default routes, DHCP inside the jail, and NAT through a jailsh-owned
 * nftables table. Everything it creates is written to the jail's network record and removed at detach.
 */
public final class NetnsNetworkProvider implements NetworkProvider {

    @Override
    public String id() {
        return "netns";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("vnet", "static", "dhcp", "nat");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (!facts.hasCommand("ip")) {
            return Availability.unavailable("ip (iproute2) not found");
        }
        if (!facts.hasCommand("nsenter")) {
            return Availability.unavailable("nsenter (util-linux) not found");
        }
        if (!facts.root()) {
            return Availability.unavailable("needs root: bridges and veth pairs live on the host");
        }
        return Availability.ok();
    }

    @Override
    public void attach(JailRef jail, RunState state, ProviderContext ctx) {
        if (!jail.flag("vnet")) {
            return;
        }
        HostExec exec = ctx.exec();
        // a dry run starts no init, so the plan names the jail's process by a placeholder
        String pid = state.jid() == null && exec.dryRun() ? "PID" : state.jid();
        List<String> record = new ArrayList<>();
        List<VnetInterface> nics = VnetInterface.of(jail);
        if (!jail.flag("nat")) {
            refuseTakenAddresses(jail, nics);
        }
        try {
            if (jail.flag("nat")) {
                attachNat(jail, pid, ctx, record);
            } else {
                for (VnetInterface nic : nics) {
                    nic.ipv4().forEach(a -> record.add("addr " + nic.bridge() + " " + bare(a)));
                    nic.ipv6().forEach(a -> record.add("addr " + nic.bridge() + " " + bare(a)));
                    attachBridged(jail, nic, pid, ctx, record);
                }
            }
            inside(exec, pid, "ip", "link", "set", "lo", "up");
        } finally {
            exec.writeTransient(jail.dir().resolve(NetworkRecord.FILE), NetworkRecord.format(record));
        }
    }

    /** Two running jails with one address on one bridge would break each other: refused before anything changes. */
    private static void refuseTakenAddresses(JailRef jail, List<VnetInterface> nics) {
        java.util.Map<String, String> taken = new java.util.HashMap<>();
        NatAddresses.forEachOther(jail.dir().getParent(), jail.name(), (other, record) -> record.all("addr")
                .forEach(a -> taken.put(a[1] + " " + a[2], other)));
        for (VnetInterface nic : nics) {
            for (String address : concat(nic.ipv4(), nic.ipv6())) {
                String other = taken.get(nic.bridge() + " " + bare(address));
                if (other != null) {
                    throw new ValidationException(jail.name() + ": " + bare(address) + " on " + nic.bridge()
                            + " is already used by the running jail " + other, "give " + jail.name()
                            + " another address (set ip4_addr=… " + jail.name() + ")");
                }
            }
        }
    }

    private static String bare(String address) {
        return address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void attachBridged(JailRef jail, VnetInterface nic, String pid, ProviderContext ctx, List<String> record) {
        HostExec exec = ctx.exec();
        if (!exec.dryRun() && !Files.isDirectory(Path.of("/sys/class/net", nic.bridge()))) {
            exec.check("ip", "link", "add", nic.bridge(), "type", "bridge");
            exec.check("ip", "link", "set", nic.bridge(), "up");
            // jailsh owns this bridge: whichever of its jails stops last removes it
            exec.writeFile(bridgeMarker(ctx, nic.bridge()), "created by jailsh for " + jail.name() + "\n");
        }
        record.add("bridge " + nic.bridge());
        adviseOnOffloading(nic.bridge(), ctx);
        String host = veth(jail, nic, pid, ctx, record);
        exec.check("ip", "link", "set", host, "master", nic.bridge());
        exec.check("ip", "link", "set", host, "up");
        configureInside(jail, nic, pid, ctx, record);
    }

    /** The veth pair: host side named {@code vnetN.JID}, jail side {@code vnetN} inside the jail's namespace. */
    private String veth(JailRef jail, VnetInterface nic, String pid, ProviderContext ctx, List<String> record) {
        HostExec exec = ctx.exec();
        String host = nic.hostName(pid);
        String[] macs = MacAddresses.of(jail, nic.index());
        String mtu = mtu(jail, nic);
        exec.check("ip", "link", "add", host, "mtu", mtu, "address", macs[0], "type", "veth", "peer", "name",
                nic.name(), "mtu", mtu, "address", macs[1], "netns", pid);
        record.add("link " + host);
        return host;
    }

    private void configureInside(JailRef jail, VnetInterface nic, String pid, ProviderContext ctx,
                                 List<String> record) {
        HostExec exec = ctx.exec();
        inside(exec, pid, "ip", "link", "set", nic.name(), "up");
        for (String address : nic.ipv4()) {
            inside(exec, pid, "ip", "-4", "addr", "add", address, "dev", nic.name());
        }
        for (String address : nic.ipv6()) {
            inside(exec, pid, "ip", "-6", "addr", "add", address, "dev", nic.name(), "nodad");
        }
        if (nic.index() == 0) {
            route(jail, pid, ctx, "defaultrouter", "-4", nic);
            route(jail, pid, ctx, "defaultrouter6", "-6", nic);
        }
        if (nic.dhcp()) {
            String leased = Dhcp.lease(jail, nic.name(), pid, ctx);
            if (leased != null) {
                record.add("lease " + nic.name() + " " + leased);
            }
        }
    }

    private void route(JailRef jail, String pid, ProviderContext ctx, String key, String family, VnetInterface nic) {
        String router = jail.property(key);
        if (router.equals("none") || nic.dhcp()) {
            return;
        }
        if (router.equals("auto")) {
            router = Gateways.hostDefault(ctx.exec(), family, family.equals("-4") ? nic.ipv4() : nic.ipv6());
            if (router == null) {
                return;
            }
        }
        inside(ctx.exec(), pid, "ip", family, "route", "add", "default", "via", router, "dev", nic.name());
    }

    private void attachNat(JailRef jail, String pid, ProviderContext ctx, List<String> record) {
        HostExec exec = ctx.exec();
        Path jailsDir = jail.dir().getParent();
        List<NatRules.Forward> forwards = NatRules.forwards(jail.property("nat_forwards"));
        Set<String> taken = NatAddresses.usedPorts(jailsDir, jail.name());
        for (NatRules.Forward f : forwards) {
            if (taken.contains(f.protocol() + "/" + f.hostPort())) {
                throw new ValidationException(jail.name() + ": host port " + f.protocol() + "/" + f.hostPort()
                        + " is already forwarded to another running jail", "choose another host port in nat_forwards");
            }
        }
        String prefix = jail.property("nat_prefix").equals("none") ? "172.16" : jail.property("nat_prefix");
        String[] pair = NatAddresses.allocate(prefix, jailsDir, jail.name());
        record.add("natpair " + pair[0] + " " + pair[1]);
        VnetInterface nic = new VnetInterface(0, "-", List.of(pair[1] + "/30"), List.of(), false);
        String host = veth(jail, nic, pid, ctx, record);
        exec.check("ip", "-4", "addr", "add", pair[0] + "/30", "dev", host);
        exec.check("ip", "link", "set", host, "up");
        inside(exec, pid, "ip", "link", "set", nic.name(), "up");
        inside(exec, pid, "ip", "-4", "addr", "add", pair[1] + "/30", "dev", nic.name());
        inside(exec, pid, "ip", "-4", "route", "add", "default", "via", pair[0], "dev", nic.name());
        exec.check("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        exec.run(Command.of("nft", "delete", "table", "ip", NatRules.table(jail.name())));
        exec.check(Command.of("nft", "-f", "-").withStdin(NatRules.script(jail.name(), pair[1], forwards)));
        record.add("nat " + NatRules.table(jail.name()));
        forwards.forEach(f -> record.add("forward " + f.protocol() + " " + f.hostPort()));
    }

    /** The addresses DHCP gave the jail while it runs, as {@code vnet0|10.0.0.5/24}, for {@code list}. */
    @Override
    public String leasedAddresses(JailRef jail, ProviderContext ctx) {
        List<String> leases = NetworkRecord.read(jail.dir()).all("lease").stream()
                .filter(l -> l.length > 2).map(l -> l[1] + "|" + l[2]).toList();
        return leases.isEmpty() ? null : String.join(",", leases);
    }

    @Override
    public void detach(JailRef jail, ProviderContext ctx) {
        HostExec exec = ctx.exec();
        NetworkRecord record = NetworkRecord.read(jail.dir());
        for (String table : record.values("nat")) {
            exec.run(Command.of("nft", "delete", "table", "ip", table));
        }
        for (String link : record.values("link")) {
            if (exec.dryRun() || Files.exists(Path.of("/sys/class/net", link))) {
                exec.run(Command.of("ip", "link", "del", link));
            }
        }
        for (String bridge : record.values("bridge")) {
            Path marker = bridgeMarker(ctx, bridge);
            if (Files.exists(marker) && removeBridgeIfUnused(exec, bridge)) {
                exec.run(Command.of("rm", "-f", "--", marker.toString()));
            }
        }
        exec.writeTransient(jail.dir().resolve(NetworkRecord.FILE), "");
    }

    /**
     * The seed's advice: a physical NIC bridged with jails should have hardware offloading disabled, or traffic to
     * the jails can be dropped or corrupted. With {@code JAILSH_DISABLE_OFFLOAD=yes} in the environment jailsh turns
     * it off itself (TrueNAS's "Disable Hardware Offloading"); otherwise it says what to run.
     */
    private static void adviseOnOffloading(String bridge, ProviderContext ctx) {
        Path members = Path.of("/sys/class/net", bridge, "brif");
        if (!Files.isDirectory(members)) {
            return;
        }
        List<String> physical;
        try (var list = Files.list(members)) {
            physical = list.map(p -> p.getFileName().toString())
                    .filter(nic -> Files.exists(Path.of("/sys/class/net", nic, "device"))).toList();
        } catch (java.io.IOException e) {
            return;
        }
        boolean disable = "yes".equalsIgnoreCase(ctx.facts().env().getOrDefault("JAILSH_DISABLE_OFFLOAD", ""));
        for (String nic : physical) {
            if (disable) {
                ExecResult r = ctx.exec().run(offloadOff(nic));
                if (!r.ok()) {
                    ctx.reporter().warn("could not disable hardware offloading on " + nic + ": " + r.stderr().strip());
                }
            } else {
                ctx.reporter().warn(nic + " is a physical interface bridged with jails on " + bridge
                        + "; disable its hardware offloading (" + offloadOff(nic).display()
                        + ", or set JAILSH_DISABLE_OFFLOAD=yes) or jail traffic may be lost");
            }
        }
    }

    static Command offloadOff(String nic) {
        return Command.of("ethtool", "-K", nic, "tso", "off", "gso", "off", "gro", "off", "lro", "off");
    }

    /** Where jailsh notes the bridges it created, so only those are ever removed. */
    static Path bridgeMarker(ProviderContext ctx, String bridge) {
        return ctx.stateRoot().resolve(".jailsh").resolve("bridges").resolve(bridge);
    }

    /** A bridge jailsh created goes when no interface is left on it; a bridge the user made is never touched. */
    private static boolean removeBridgeIfUnused(HostExec exec, String bridge) {
        Path members = Path.of("/sys/class/net", bridge, "brif");
        try (var list = Files.list(members)) {
            if (list.findAny().isEmpty()) {
                exec.run(Command.of("ip", "link", "del", bridge));
                return true;
            }
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private String mtu(JailRef jail, VnetInterface nic) {
        String value = jail.property("vnet" + nic.index() + "_mtu");
        if (!value.equals("auto") && !value.equals("none")) {
            return value;
        }
        Path bridgeMtu = Path.of("/sys/class/net", nic.bridge(), "mtu");
        try {
            if (!jail.flag("nat") && Files.isReadable(bridgeMtu)) {
                return Files.readString(bridgeMtu).trim();
            }
        } catch (java.io.IOException ignored) {
            // fall back to the default below
        }
        return jail.property("vnet_default_mtu").equals("none") ? "1500" : jail.property("vnet_default_mtu");
    }

    static ExecResult inside(HostExec exec, String pid, String... argv) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--target", pid, "--net", "--"));
        all.addAll(List.of(argv));
        ExecResult result = exec.run(Command.of(all));
        if (!result.ok()) {
            throw new JailshException("network setup in the jail failed: " + String.join(" ", argv) + ": "
                    + result.stderr().strip(), "see the log for the whole sequence");
        }
        return result;
    }
}
