package org.jailsh.linux.net;

import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.JailRef;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderContext;

/**
 * {@code dhcp=on}: the jail's own DHCP client runs inside the jail (all of its namespaces, its root), once, and the
 * lease is verified; no lease is an error, and the core then stops the jail.
 */
final class Dhcp {

    private Dhcp() {
    }

    /** busybox udhcpc only reports a lease; this script, run by udhcpc inside the jail, applies it. */
    static final String UDHCPC_SCRIPT = """
            #!/bin/sh
            case "$1" in
              deconfig) ip -4 addr flush dev "$interface"; ip link set "$interface" up ;;
              bound|renew)
                ip -4 addr flush dev "$interface"
                ip -4 addr add "$ip/${mask:-24}" dev "$interface"
                if [ -n "$router" ]; then ip -4 route replace default via "${router%% *}" dev "$interface"; fi
                if [ -n "$dns" ]; then for d in $dns; do echo "nameserver $d"; done > /etc/resolv.conf; fi ;;
            esac
            """;

    /** Returns the leased address with its prefix length, or null in a dry run. */
    static String lease(JailRef jail, String nic, String pid, ProviderContext ctx) {
        List<String> enter = List.of("nsenter", "--target", pid, "--mount", "--uts", "--ipc", "--net", "--pid",
                "--root", "--wd=/");
        ctx.exec().check(Command.of(concat(enter, List.of("/bin/sh", "-c",
                "mkdir -p /run && cat > /run/jailsh-udhcpc && chmod 755 /run/jailsh-udhcpc"))).withStdin(UDHCPC_SCRIPT));
        List<String> client = List.of("/bin/sh", "-c",
                "if command -v udhcpc >/dev/null; then exec udhcpc -i \"$1\" -n -q -t 5 -T 2 -s /run/jailsh-udhcpc;"
                        + " elif command -v dhclient >/dev/null; then exec dhclient -1 \"$1\";"
                        + " else echo 'no DHCP client (udhcpc or dhclient) in the jail' >&2; exit 127; fi",
                "dhcp", nic);
        ExecResult result = ctx.exec().run(Command.of(concat(enter, client)));
        if (ctx.exec().dryRun()) {
            return null;
        }
        ExecResult address = NetnsNetworkProvider.inside(ctx.exec(), pid, "ip", "-4", "-o", "addr", "show", "dev", nic);
        if (!result.ok() || !address.stdout().contains(" inet ")) {
            throw new JailshException(jail.name() + ": no DHCP lease on " + nic
                    + (result.stderr().isBlank() ? "" : " (" + result.stderr().strip() + ")"),
                    "check that a DHCP server answers on the bridge, or set a static ip4_addr");
        }
        String leased = address.stdout().split("\\s+inet\\s+")[1].split("\\s+")[0];
        ctx.reporter().info(jail.name() + ": leased " + leased);
        return leased;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
