package org.jailsh.freebsd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jailsh.spi.Command;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/**
 * NAT for a VNET jail with pf (iocage.md §7.4), in jailsh's own anchor {@code jailsh/NAME}: the host's ruleset is never
 * replaced (iocage's {@code pfctl -f} did that, issue 1081) and the rules go away at stop. The host's pf.conf must
 * hook the anchors once: {@code nat-anchor "jailsh/*"} and {@code rdr-anchor "jailsh/*"}.
 */
final class PfNat {

    static final String HOOK_NAT = "nat-anchor \"jailsh/*\"";
    static final String HOOK_RDR = "rdr-anchor \"jailsh/*\"";
    private static final Pattern FORWARD = Pattern.compile("(tcp/udp|tcp|udp)\\((\\d{1,5})(?:([:-])(\\d{1,5}))?\\)");

    /** The /30 of a NAT jail: the host side and the jail side. */
    record Pair(String host, String jail) {
    }

    private PfNat() {
    }

    static String anchor(JailRef jail) {
        return "jailsh/" + jail.name();
    }

    static Path rulesFile(JailRef jail) {
        return Path.of("/var/run/jailsh.pf." + jail.hostName() + ".conf");
    }

    /**
     * The first /30 of {@code nat_prefix} ({@code A.B.i.l}, l = 1, 5, … 253) whose two addresses are on no host
     * interface. Host sides of running NAT jails are host interfaces, so their /30s are skipped too.
     */
    static Pair allocate(JailRef jail, String hostIfconfig) {
        String prefix = jail.property("nat_prefix");
        if (!prefix.matches("\\d{1,3}\\.\\d{1,3}")) {
            throw new ValidationException(jail.name() + ": nat_prefix '" + prefix + "' is not A.B", "e.g. 172.16");
        }
        for (int i = 0; i <= 255; i++) {
            for (int l = 1; l <= 253; l += 4) {
                String host = prefix + "." + i + "." + l;
                String inside = prefix + "." + i + "." + (l + 1);
                if (!hostIfconfig.contains("inet " + host + " ") && !hostIfconfig.contains("inet " + inside + " ")) {
                    return new Pair(host, inside);
                }
            }
        }
        throw new JailshException(jail.name() + ": no free /30 left in " + prefix + ".0.0/16",
                "set another nat_prefix (set nat_prefix=A.B default)");
    }

    /** The anchor's rules: outbound NAT for the jail's address and one rdr per {@code nat_forwards} entry. */
    static String rules(JailRef jail, String natInterface, String jailAddress) {
        StringBuilder out = new StringBuilder();
        out.append("nat on ").append(natInterface).append(" inet from ").append(jailAddress)
                .append(" to any -> (").append(natInterface).append(":0) static-port\n");
        for (String forward : forwards(jail)) {
            Matcher m = FORWARD.matcher(forward);
            m.matches();
            String proto = m.group(1).equals("tcp/udp") ? "{ tcp udp }" : m.group(1);
            String jailPort = m.group(2);
            String hostPort = jailPort;
            if ("-".equals(m.group(3))) {
                hostPort = m.group(2) + ":" + m.group(4);
                jailPort = m.group(2) + ":*";
            } else if (":".equals(m.group(3))) {
                hostPort = m.group(4);
            }
            out.append("rdr pass on ").append(natInterface).append(" inet proto ").append(proto)
                    .append(" from any to (").append(natInterface).append(":0) port ").append(hostPort)
                    .append(" -> ").append(jailAddress).append(" port ").append(jailPort).append('\n');
        }
        return out.toString();
    }

    /** {@code nat_forwards}: {@code tcp(80:8080),udp(53),443,tcp(8000-8010)}; a bare number is {@code tcp(N)}. */
    static List<String> forwards(JailRef jail) {
        String value = jail.property("nat_forwards");
        List<String> forwards = new ArrayList<>();
        if (value.equals("none")) {
            return forwards;
        }
        for (String item : value.split(",")) {
            String entry = item.strip();
            if (entry.matches("\\d{1,5}")) {
                entry = "tcp(" + entry + ")";
            }
            if (!FORWARD.matcher(entry).matches()) {
                throw new ValidationException(jail.name() + ": nat_forwards entry '" + item.strip()
                        + "' is not proto(port[:hostport])", "e.g. tcp(80:8080),udp(53),443,tcp(8000-8010)");
            }
            forwards.add(entry);
        }
        return forwards;
    }

    /** Loads the jail's anchor; refuses when the host's pf.conf does not hook jailsh's anchors. */
    static void load(JailRef jail, String natInterface, String jailAddress, ProviderContext ctx) {
        ctx.exec().check("sysctl", "-q", "net.inet.ip.forwarding=1");
        ctx.exec().check("kldload", "-n", "pf");
        String nat = ctx.exec().run(Command.of("pfctl", "-s", "nat")).stdout();
        if (!ctx.exec().dryRun() && (!nat.contains(HOOK_NAT) || !nat.contains(HOOK_RDR))) {
            throw new JailshException(jail.name() + ": pf does not look into jailsh's anchors, so NAT would not work",
                    "add these lines to /etc/pf.conf and reload it (pfctl -f /etc/pf.conf): " + HOOK_NAT + " and "
                            + HOOK_RDR + " before your own nat/rdr rules; jailsh never replaces your ruleset");
        }
        ctx.exec().writeFile(rulesFile(jail), rules(jail, natInterface, jailAddress));
        ctx.exec().check("pfctl", "-a", anchor(jail), "-f", rulesFile(jail).toString());
    }

    /** Removes every rule of the jail's anchor (stop). */
    static void flush(JailRef jail, ProviderContext ctx) {
        ctx.exec().run(Command.of("pfctl", "-a", anchor(jail), "-F", "all"));
        ctx.exec().run(Command.of("rm", "-f", rulesFile(jail).toString()));
    }
}
