package org.jailsh.model;

import java.util.regex.Pattern;

/** Parses iocage's address syntax: {@code iface|addr[/mask]}, {@code addr[/mask]}, {@code iface|DHCP}. */
public final class Addresses {

    private static final Pattern IFACE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,14}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private Addresses() {
    }

    public static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    public static boolean isIpv6(String text) {
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+") || text.contains(":::")) {
            return false;
        }
        int doubleColons = text.split("::", -1).length - 1;
        if (doubleColons > 1) {
            return false;
        }
        String[] groups = text.split(":", -1);
        int words = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!isIpv4(g)) {
                    return false;
                }
                words += 2;
            } else if (g.length() > 4 || g.contains(".")) {
                return false;
            } else {
                words++;
            }
        }
        return doubleColons == 1 ? words < 8 : words == 8;
    }

    /** What is wrong with one address item, or null when it is fine. */
    public static String problem(String item, boolean ipv6) {
        String address = item;
        int bar = item.indexOf('|');
        if (bar >= 0) {
            String iface = item.substring(0, bar);
            address = item.substring(bar + 1);
            if (!IFACE.matcher(iface).matches()) {
                return "'" + iface + "' is not an interface name";
            }
            if (!ipv6 && address.equalsIgnoreCase("DHCP") || ipv6 && address.equals("accept_rtadv")) {
                return null;
            }
        }
        String host = address;
        int slash = address.indexOf('/');
        if (slash >= 0) {
            host = address.substring(0, slash);
            String mask = address.substring(slash + 1);
            int max = ipv6 ? 128 : 32;
            if (!mask.matches("\\d{1,3}") || Integer.parseInt(mask) > max) {
                return "'/" + mask + "' is not a prefix length from 0 to " + max;
            }
        }
        if (ipv6 ? !isIpv6(host) : !isIpv4(host)) {
            return "'" + host + "' is not an " + (ipv6 ? "IPv6" : "IPv4") + " address";
        }
        return null;
    }
}
