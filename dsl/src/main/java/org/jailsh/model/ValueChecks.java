package org.jailsh.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jailsh.spi.ValidationException;

/** The strict checks behind iocage's property rules (§2.3 of the iocage reference), one factory per shape. */
public final class ValueChecks {

    private static final Set<String> YES = Set.of("1", "on", "yes", "true");
    private static final Set<String> NO = Set.of("0", "off", "no", "false");
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}([:-]?[0-9a-f]{2}){5}");
    private static final Pattern RCTL = Pattern.compile(
            "(deny|log|devctl|sig[a-z0-9]+|throttle)=[0-9]+[bkmgtp]?", Pattern.CASE_INSENSITIVE);

    private ValueChecks() {
    }

    static ValidationException invalid(String jail, Property p, String text, String why, String hint) {
        String where = jail == null ? "" : jail + ": ";
        return new ValidationException(where + p.name() + " '" + printable(text) + "' is not valid: " + why, hint);
    }

    /** Control characters are shown escaped so a hostile value cannot forge output lines. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** Every value: no control characters, bounded size. Values end up in jail.conf, fstab and rc.conf lines. */
    static String clean(String jail, Property p, String text) {
        if (text == null) {
            throw invalid(jail, p, "", "no value given", "write " + p.name() + "=VALUE");
        }
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw invalid(jail, p, text, "it contains a control character (newline, tab or NUL)",
                        "values are single lines of printable text");
            }
        }
        if (text.length() > 1024) {
            throw invalid(jail, p, text.substring(0, 40) + "…", "longer than 1024 characters", null);
        }
        return text.strip();
    }

    public static ValueCheck flag() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text).toLowerCase(Locale.ROOT);
            if (YES.contains(v)) {
                return 1;
            }
            if (NO.contains(v)) {
                return 0;
            }
            throw invalid(jail, p, text, "expected yes or no", "use one of: on off yes no 1 0 true false");
        };
    }

    /** Reads a stored flag leniently, as iocage does for configs it did not write itself. */
    public static boolean isYes(Object value) {
        return value != null && YES.contains(String.valueOf(value).trim().toLowerCase(Locale.ROOT));
    }

    public static ValueCheck text() {
        return ValueChecks::clean;
    }

    public static ValueCheck oneOf(String... choices) {
        return new OneOf(java.util.List.of(choices));
    }

    /** An enumeration; its choices are public so that completion can offer them. */
    public record OneOf(java.util.List<String> choices) implements ValueCheck {
        @Override
        public Object parse(String jail, Property p, String text) {
            String v = clean(jail, p, text);
            for (String choice : choices) {
                if (choice.equalsIgnoreCase(v)) {
                    return choice;
                }
            }
            throw invalid(jail, p, text, "not one of the allowed values", "use one of: " + String.join(", ", choices));
        }
    }

    public static ValueCheck integer(long min, long max) {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return Long.toString(n);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw invalid(jail, p, text, "expected a whole number from " + min + " to " + max, null);
        };
    }

    /** {@code auto} or an MTU. */
    public static ValueCheck mtu(boolean allowAuto) {
        ValueCheck number = integer(576, 65535);
        return (jail, p, text) -> allowAuto && "auto".equalsIgnoreCase(clean(jail, p, text)) ? "auto"
                : number.parse(jail, p, text);
    }

    public static ValueCheck addresses(boolean ipv6) {
        return (jail, p, text) -> {
            // spaces around the commas are layout; one inside an item would silently join two words into one name
            String v = clean(jail, p, text).replaceAll("\\s*,\\s*", ",");
            if (v.isEmpty() || v.equals("none")) {
                return "none";
            }
            for (String item : v.split(",")) {
                if (item.contains(" ")) {
                    throw invalid(jail, p, text, "'" + item + "' contains a space", ipv6
                            ? "use e.g. 'vnet0|2001:db8::10/64'" : "use e.g. 'vnet0|192.0.2.10/24'");
                }
                String problem = Addresses.problem(item, ipv6);
                if (problem != null) {
                    throw invalid(jail, p, text, problem, ipv6 ? "use e.g. 'vnet0|2001:db8::10/64'"
                            : "use e.g. 'vnet0|192.0.2.10/24' or 'vnet0|DHCP'");
                }
            }
            return v;
        };
    }

    public static ValueCheck router(boolean ipv6) {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.equals("auto") || v.equals("none")) {
                return v;
            }
            if (ipv6 ? Addresses.isIpv6(v) : Addresses.isIpv4(v)) {
                return v;
            }
            throw invalid(jail, p, text, "expected auto, none or an " + (ipv6 ? "IPv6" : "IPv4") + " address", null);
        };
    }

    public static ValueCheck macPair() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.equals("none")) {
                return v;
            }
            String[] macs = v.split("[ ,]+");
            if (macs.length == 2 && MAC.matcher(macs[0]).matches() && MAC.matcher(macs[1]).matches()
                    && !macs[0].equalsIgnoreCase(macs[1])) {
                return macs[0] + " " + macs[1];
            }
            throw invalid(jail, p, text, "expected two different MAC addresses", "e.g. '02ff60aa0001 02ff60aa0002'");
        };
    }

    public static ValueCheck macPrefix() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.matches("(?i)[0-9a-f][26ae][0-9a-f]{4}")) {
                return v.toLowerCase(Locale.ROOT);
            }
            throw invalid(jail, p, text, "expected 6 hex digits with a second digit of 2, 6, a or e",
                    "e.g. 02ff60 (locally administered, unicast)");
        };
    }

    public static ValueCheck interfaces() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text).replace(" ", "");
            for (String pair : v.split(",")) {
                if (!pair.matches("vnet[0-3]:[A-Za-z0-9_.-]{1,15}")) {
                    throw invalid(jail, p, text, "'" + pair + "' is not NIC:BRIDGE with NIC vnet0 to vnet3",
                            "e.g. 'vnet0:bridge0,vnet1:bridge1'");
                }
            }
            return v;
        };
    }

    public static ValueCheck natPrefix() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.matches("10\\.\\d{1,3}") || v.matches("192\\.168") || v.matches("172\\.(1[6-9]|2\\d|3[01])")) {
                int second = Integer.parseInt(v.substring(v.indexOf('.') + 1));
                if (second <= 255) {
                    return v;
                }
            }
            throw invalid(jail, p, text, "expected the first two numbers of a private IPv4 range",
                    "e.g. 172.16, 10.42 or 192.168");
        };
    }

    public static ValueCheck natForwards() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text).replace(" ", "");
            if (v.equals("none")) {
                return v;
            }
            StringBuilder out = new StringBuilder();
            for (String item : v.split(",(?![^()]*\\))")) {
                String normal = item.matches("\\d{1,5}") ? "tcp(" + item + ")" : item;
                if (!normal.matches("(tcp|udp|tcp/udp)\\(\\d{1,5}([:-]\\d{1,5})?\\)")) {
                    throw invalid(jail, p, text, "'" + item + "' is not PROTO(JAILPORT[:HOSTPORT])",
                            "e.g. 'tcp(80:8080),udp(53)'");
                }
                for (String port : normal.replaceAll("[^0-9]+", " ").trim().split(" ")) {
                    if (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                        throw invalid(jail, p, text, "port " + port + " in '" + item + "' is not from 1 to 65535",
                                "e.g. 'tcp(80:8080),udp(53)'");
                    }
                }
                out.append(out.isEmpty() ? "" : ",").append(normal);
            }
            return out.toString();
        };
    }

    public static ValueCheck cpuset() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.equals("off") || v.equals("all") || v.matches("\\d+(,\\d+)*")) {
                return v;
            }
            if (v.matches("\\d+-\\d+")) {
                String[] ends = v.split("-");
                if (Integer.parseInt(ends[0]) < Integer.parseInt(ends[1])) {
                    return v;
                }
            }
            throw invalid(jail, p, text, "expected off, all, a list like 0,1 or a range like 0-3", null);
        };
    }

    public static ValueCheck rctl() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.equals("off") || RCTL.matcher(v).matches()) {
                return v;
            }
            throw invalid(jail, p, text, "expected off or ACTION=AMOUNT", "e.g. deny=4g or deny=200");
        };
    }

    public static ValueCheck quota() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.equals("none") || v.matches("(?i)\\d+(\\.\\d+)?[MGT]")) {
                return v;
            }
            throw invalid(jail, p, text, "expected none or a size ending in M, G or T", "e.g. 20G");
        };
    }

    public static ValueCheck hostname() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?")) {
                return v;
            }
            throw invalid(jail, p, text, "not a host name", "use letters, digits, '.' and '-'");
        };
    }

    public static ValueCheck ipv4OrNone() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text);
            if (v.equals("none") || Addresses.isIpv4(v)) {
                return v;
            }
            throw invalid(jail, p, text, "expected none or an IPv4 address", null);
        };
    }

    public static ValueCheck jailList() {
        return (jail, p, text) -> {
            String v = clean(jail, p, text).trim();
            if (v.equals("none")) {
                return v;
            }
            for (String name : v.split("\\s+")) {
                try {
                    JailNames.check(name);
                } catch (ValidationException e) {
                    throw invalid(jail, p, text, e.getMessage(), "list jail names separated by spaces, e.g. 'db cache'");
                }
            }
            return String.join(" ", v.split("\\s+"));
        };
    }
}
