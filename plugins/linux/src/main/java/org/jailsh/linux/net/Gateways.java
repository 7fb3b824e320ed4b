package org.jailsh.linux.net;

import java.util.List;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;

/**
 * {@code defaultrouter=auto}: the host's default gateway, used only when it lies on one of the jail's own subnets —
 * a gateway the jail cannot reach would only break its routing.
 */
final class Gateways {

    private Gateways() {
    }

    static String hostDefault(HostExec exec, String family, List<String> jailAddresses) {
        ExecResult result = exec.run(Command.of("ip", family, "route", "show", "default"));
        if (!result.ok()) {
            return null;
        }
        for (String line : result.stdout().split("\n")) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("via") && family.equals("-4") && onSubnet(words[i + 1], jailAddresses)) {
                    return words[i + 1];
                }
            }
        }
        return null;
    }

    static boolean onSubnet(String gateway, List<String> addresses) {
        for (String address : addresses) {
            if (!address.contains("/") || address.contains(":")) {
                continue;
            }
            int bits = Integer.parseInt(address.substring(address.indexOf('/') + 1));
            long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
            if ((toLong(address.substring(0, address.indexOf('/'))) & mask) == (toLong(gateway) & mask)) {
                return true;
            }
        }
        return false;
    }

    private static long toLong(String ipv4) {
        long value = 0;
        for (String part : ipv4.split("\\.")) {
            value = value << 8 | Long.parseLong(part);
        }
        return value;
    }
}
