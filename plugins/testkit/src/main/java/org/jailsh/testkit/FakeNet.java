package org.jailsh.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ifconfig(8) of a fake FreeBSD host: the host's NICs (lo0, em0 with 192.168.1.5/24), bridges made on demand,
 * epairs numbered by the kernel ({@code epair0a}, {@code epair1a}, …), interfaces moved into jails and renamed there,
 * addresses, members, MTUs, MACs. Each interface lives in one place: the host ({@code null}) or a jail (its name).
 */
final class FakeNet {

    static final class Iface {
        String name;
        String where;
        int mtu = 1500;
        String mac;
        String description;
        boolean up;
        boolean bridge;
        int pair = -1;
        final List<String> inet = new ArrayList<>();
        final List<String> inet6 = new ArrayList<>();
        final List<String> members = new ArrayList<>();
        final Set<String> cleared = new LinkedHashSet<>();

        Iface(String name, String where) {
            this.name = name;
            this.where = where;
        }
    }

    final List<Iface> ifaces = new ArrayList<>();
    private int nextEpair;

    FakeNet() {
        Iface lo = add("lo0", null);
        lo.mtu = 16384;
        lo.up = true;
        lo.inet.add("127.0.0.1/8");
        Iface em0 = add("em0", null);
        em0.mac = "00:a0:98:12:34:56";
        em0.up = true;
        em0.inet.add("192.168.1.5/24");
    }

    Iface add(String name, String where) {
        Iface i = new Iface(name, where);
        ifaces.add(i);
        return i;
    }

    Iface find(String where, String name) {
        return ifaces.stream().filter(i -> java.util.Objects.equals(i.where, where) && i.name.equals(name))
                .findFirst().orElse(null);
    }

    List<Iface> in(String where) {
        return ifaces.stream().filter(i -> java.util.Objects.equals(i.where, where)).toList();
    }

    /** {@code ifconfig …} on the host ({@code where == null}) or inside a jail. */
    Out ifconfig(String where, List<String> a) {
        if (a.isEmpty()) {
            StringBuilder out = new StringBuilder();
            in(where).forEach(i -> out.append(show(i, false)));
            return Out.ok(out.toString());
        }
        String name = a.get(0);
        List<String> words = a.subList(1, a.size());
        if (name.equals("epair") && words.equals(List.of("create")) && where == null) {
            int unit = nextEpair++;
            Iface side = add("epair" + unit + "a", null);
            Iface other = add("epair" + unit + "b", null);
            side.pair = unit;
            other.pair = unit;
            return Out.ok(side.name + "\n");
        }
        if (name.matches("bridge\\d+") && !words.isEmpty() && words.get(0).equals("create") && where == null) {
            if (find(null, name) != null) {
                return Out.fail("ifconfig: SIOCIFCREATE2 (" + name + "): File exists");
            }
            Iface bridge = add(name, null);
            bridge.bridge = true;
            bridge.mac = "58:9c:fc:10:ff:" + String.format("%02x", ifaces.size());
            words = words.subList(1, words.size());
            if (words.isEmpty()) {
                return Out.ok(name + "\n");
            }
        }
        Iface iface = find(where, name);
        if (iface == null) {
            return Out.fail("ifconfig: interface " + name + " does not exist");
        }
        if (words.isEmpty()) {
            return Out.ok(show(iface, false));
        }
        if (words.equals(List.of("inet"))) {
            return Out.ok(show(iface, true));
        }
        if (words.equals(List.of("destroy"))) {
            destroy(iface);
            return Out.OK;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "name" -> {
                    String to = words.get(++i);
                    if (find(where, to) != null) {
                        return Out.fail("ifconfig: ioctl SIOCSIFNAME (set name): File exists");
                    }
                    iface.name = to;
                    out.append(to).append('\n');
                }
                case "mtu" -> iface.mtu = Integer.parseInt(words.get(++i));
                case "link", "ether", "lladdr" -> iface.mac = words.get(++i);
                case "description", "descr" -> iface.description = words.get(++i);
                case "up" -> iface.up = true;
                case "down" -> iface.up = false;
                case "alias", "auto_linklocal", "accept_rtadv", "autoconf" -> {
                }
                case "addm" -> {
                    String member = words.get(++i);
                    if (!iface.bridge) {
                        return Out.fail("ifconfig: " + name + " is not a bridge");
                    }
                    if (find(null, member) == null) {
                        return Out.fail("ifconfig: BRDGADD " + member + ": No such file or directory");
                    }
                    if (iface.members.contains(member)) {
                        return Out.fail("ifconfig: BRDGADD " + member + ": File exists");
                    }
                    iface.members.add(member);
                }
                case "deletem" -> iface.members.remove(words.get(++i));
                case "vnet" -> {
                    return null;
                }
                case "inet" -> {
                    iface.inet.add(words.get(++i));
                    iface.up = true;
                }
                case "inet6" -> {
                    if (i + 1 < words.size() && words.get(i + 1).contains(":")) {
                        iface.inet6.add(words.get(++i));
                    }
                }
                default -> {
                    if (w.startsWith("-")) {
                        iface.cleared.add(w.substring(1));
                    } else if (w.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?")) {
                        iface.inet.add(w);
                        iface.up = true;
                    } else {
                        return Out.fail("ifconfig: " + w + ": bad value");
                    }
                }
            }
        }
        return Out.ok(out.toString());
    }

    /** Destroys the interface; an epair takes its other side with it wherever that is. */
    void destroy(Iface iface) {
        List<Iface> gone = new ArrayList<>(List.of(iface));
        if (iface.pair >= 0) {
            ifaces.stream().filter(i -> i != iface && i.pair == iface.pair).forEach(gone::add);
        }
        ifaces.removeAll(gone);
        for (Iface bridge : ifaces) {
            gone.forEach(g -> bridge.members.remove(g.name));
        }
    }

    static String show(Iface i, boolean inetOnly) {
        StringBuilder out = new StringBuilder(i.name).append(": flags=")
                .append(i.up ? "8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>" : "8802<BROADCAST,SIMPLEX,MULTICAST>")
                .append(" metric 0 mtu ").append(i.mtu).append('\n');
        if (!inetOnly) {
            if (i.description != null) {
                out.append("\tdescription: ").append(i.description).append('\n');
            }
            if (i.mac != null) {
                out.append("\tether ").append(i.mac).append('\n');
            }
        }
        for (String address : i.inet) {
            out.append("\tinet ").append(inet(address)).append('\n');
        }
        if (!inetOnly) {
            i.inet6.forEach(a -> out.append("\tinet6 ").append(a.replace("/", " prefixlen ")).append('\n'));
            if (i.bridge) {
                out.append("\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15\n");
                for (int m = i.members.size() - 1; m >= 0; m--) {
                    out.append("\tmember: ").append(i.members.get(m))
                            .append(" flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n");
                }
            }
        }
        return out.toString();
    }

    /** {@code 192.168.1.10/24} → {@code 192.168.1.10 netmask 0xffffff00 broadcast 192.168.1.255}. */
    static String inet(String address) {
        String ip = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        int prefix = address.contains("/") ? Integer.parseInt(address.substring(address.indexOf('/') + 1)) : 32;
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long value = 0;
        for (String part : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        long broadcast = value | (~mask & 0xffffffffL);
        return ip + " netmask 0x" + String.format("%08x", mask) + " broadcast " + ((broadcast >> 24) & 255) + "."
                + ((broadcast >> 16) & 255) + "." + ((broadcast >> 8) & 255) + "." + (broadcast & 255) + " ";
    }
}
