package org.jailsh.linux.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A NAT jail's nftables table: its own table per jail ({@code ip jailsh_NAME}), so adding and removing never touches a
 * rule jailsh did not create. Masquerade for the jail's address, and a DNAT rule per {@code nat_forwards} item.
 */
final class NatRules {

    private NatRules() {
    }

    record Forward(String protocol, int jailPort, int hostPort) {
    }

    static String table(String jail) {
        return "jailsh_" + jail.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** {@code tcp(80:8080),udp(53),tcp/udp(8000)} → forwards; the number after ':' is the host port. */
    static List<Forward> forwards(String value) {
        List<Forward> out = new ArrayList<>();
        if (value == null || value.equals("none") || value.isBlank()) {
            return out;
        }
        for (String item : value.split(",(?![^()]*\\))")) {
            String proto = item.substring(0, item.indexOf('('));
            String ports = item.substring(item.indexOf('(') + 1, item.indexOf(')'));
            String[] pair = ports.split("[:-]");
            int jailPort = Integer.parseInt(pair[0]);
            int hostPort = pair.length > 1 ? Integer.parseInt(pair[1]) : jailPort;
            for (String p : proto.split("/")) {
                out.add(new Forward(p, jailPort, hostPort));
            }
        }
        return out;
    }

    /** The whole table as one nft script, loaded atomically with {@code nft -f}. */
    static String script(String jail, String jailAddress, List<Forward> forwards) {
        String table = table(jail);
        StringBuilder s = new StringBuilder();
        s.append("table ip ").append(table).append(" {\n");
        s.append("    chain prerouting {\n        type nat hook prerouting priority dstnat; policy accept;\n");
        for (Forward f : forwards) {
            s.append("        fib daddr type local ").append(f.protocol()).append(" dport ").append(f.hostPort())
                    .append(" dnat to ").append(jailAddress).append(':').append(f.jailPort()).append('\n');
        }
        s.append("    }\n");
        s.append("    chain output {\n        type nat hook output priority -100; policy accept;\n");
        for (Forward f : forwards) {
            s.append("        fib daddr type local ip daddr != 127.0.0.0/8 ").append(f.protocol()).append(" dport ").append(f.hostPort())
                    .append(" dnat to ").append(jailAddress).append(':').append(f.jailPort()).append('\n');
        }
        s.append("    }\n");
        s.append("    chain postrouting {\n        type nat hook postrouting priority srcnat; policy accept;\n");
        s.append("        ip saddr ").append(jailAddress).append(" masquerade\n");
        s.append("    }\n}\n");
        return s.toString();
    }
}
