package org.jailsh.verbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jailsh.api.Session;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.RunState;
import org.jailsh.spi.StorageProvider;
import org.jailsh.store.StoredJail;

/**
 * {@code info NAME}: one jail in full, as the TrueNAS jail row expands — state, type and release, every interface with
 * its addresses, mount points, snapshots, and the properties that differ from the defaults.
 */
public final class InfoVerb {

    private final Session session;

    public InfoVerb(Session session) {
        this.session = session;
    }

    public Map<String, Object> info(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        SetVerb.requireReadable(jail);
        Map<String, Object> p = jail.effective();
        RunState run = RunStates.of(session, jail);
        JailInfo row = JailInfo.of(jail, run);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", jail.name());
        info.put("state", row.state());
        info.put("jid", run.jid());
        info.put("type", row.type());
        info.put("release", row.release());
        info.put("template", row.template());
        info.put("basejail", row.basejail());
        info.put("boot", row.boot());
        info.put("path", jail.dir().toString());
        info.put("network", network(p));
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (MountEntry m : session.store().fstab(jail).entries()) {
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("source", m.source());
            mount.put("destination", m.destination());
            mount.put("options", m.options());
            mounts.add(mount);
        }
        info.put("mounts", mounts);
        info.put("snapshots", session.registry().choose(ProviderKind.STORAGE, StorageProvider.class)
                .map(s -> s.snapshots(jail.ref(), session.providerContext())).orElse(List.of()));
        Map<String, Object> changed = new TreeMap<>();
        jail.own().forEach((k, v) -> {
            if (!String.valueOf(v).equals(String.valueOf(jail.defaults().get(k)))) {
                changed.put(k, v);
            }
        });
        info.put("properties", changed);
        return info;
    }

    /** Each interface of {@code interfaces} with the addresses {@code ip4_addr}/{@code ip6_addr} give it. */
    private static Map<String, Object> network(Map<String, Object> p) {
        Map<String, Object> net = new LinkedHashMap<>();
        boolean vnet = "1".equals(String.valueOf(p.get("vnet")));
        net.put("mode", "1".equals(String.valueOf(p.get("nat"))) ? "nat" : vnet ? "vnet"
                : isNone(p.get("ip4_addr")) && isNone(p.get("ip6_addr")) ? "none (loopback only)" : "shared IP");
        List<Map<String, Object>> interfaces = new ArrayList<>();
        if (vnet) {
            for (String pair : String.valueOf(p.get("interfaces")).split(",")) {
                String[] parts = pair.split(":");
                Map<String, Object> nic = new LinkedHashMap<>();
                nic.put("interface", parts[0]);
                nic.put("bridge", parts.length > 1 ? parts[1] : "-");
                nic.put("ip4", addressesFor(p.get("ip4_addr"), parts[0]));
                nic.put("ip6", addressesFor(p.get("ip6_addr"), parts[0]));
                interfaces.add(nic);
            }
        }
        net.put("interfaces", interfaces);
        net.put("ip4_addr", p.get("ip4_addr"));
        net.put("ip6_addr", p.get("ip6_addr"));
        net.put("defaultrouter", p.get("defaultrouter"));
        net.put("defaultrouter6", p.get("defaultrouter6"));
        net.put("dhcp", "1".equals(String.valueOf(p.get("dhcp"))));
        return net;
    }

    private static boolean isNone(Object value) {
        return value == null || "none".equals(String.valueOf(value));
    }

    private static List<String> addressesFor(Object value, String nic) {
        List<String> out = new ArrayList<>();
        if (isNone(value)) {
            return out;
        }
        for (String item : String.valueOf(value).split(",")) {
            int bar = item.indexOf('|');
            String iface = bar < 0 ? "vnet0" : item.substring(0, bar);
            if (iface.equals(nic)) {
                out.add(bar < 0 ? item : item.substring(bar + 1));
            }
        }
        return out;
    }
}
