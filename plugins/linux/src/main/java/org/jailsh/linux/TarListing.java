package org.jailsh.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a tar archive as GNU tar lists them with
 * {@code LC_ALL=C tar --quoting-style=c --numeric-owner --absolute-names -tv}: one line per member, its type letter first, then mode,
 * {@code uid/gid}, size, date, time, and the name as a C string, followed by {@code -> "TARGET"} for a symlink or
 * {@code link to "TARGET"} for a hard link. Listing with the same tar that extracts means both read the archive the
 * same way; C quoting makes names with spaces, quotes, newlines or {@code " -> "} in them unambiguous.
 */
final class TarListing {

    /** One member. {@code type} is tar's letter: '-' file, 'd' directory, 'l' symlink, 'h' hard link, 'c'/'b' device, … */
    record Member(char type, String name, String target) {
    }

    private TarListing() {
    }

    /**
     * The tar options that make a listing {@link #parse} reads. {@code --absolute-names} shows names and link targets
     * as stored: without it tar lists a hard link to {@code /etc/passwd} as {@code etc/passwd}.
     */
    static List<String> listOptions() {
        return List.of("--quoting-style=c", "--numeric-owner", "--absolute-names", "-tv");
    }

    static List<Member> parse(String listing) {
        List<Member> members = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (!line.isBlank()) {
                members.add(member(line));
            }
        }
        return members;
    }

    private static Member member(String line) {
        int quote = line.indexOf('"');
        if (quote < 0) {
            throw unreadable(line);
        }
        Cursor name = new Cursor(line, quote);
        String memberName = name.string();
        String rest = line.substring(name.pos);
        String target = null;
        if (rest.startsWith(" -> \"") || rest.startsWith(" link to \"")) {
            Cursor link = new Cursor(line, name.pos + rest.indexOf('"'));
            target = link.string();
            rest = line.substring(link.pos);
        }
        if (!rest.isEmpty()) {
            throw unreadable(line);
        }
        return new Member(line.charAt(0), memberName, target);
    }

    private static IllegalArgumentException unreadable(String line) {
        return new IllegalArgumentException("cannot read tar's listing line: " + line);
    }

    /** Reads one C-quoted string starting at the opening quote; {@code pos} ends up after the closing one. */
    private static final class Cursor {

        private final String line;
        private int pos;

        Cursor(String line, int quote) {
            this.line = line;
            this.pos = quote + 1;
        }

        String string() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (pos < line.length()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return bytes.toString(StandardCharsets.UTF_8);
                }
                if (c != '\\') {
                    byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    bytes.write(plain, 0, plain.length);
                    continue;
                }
                if (pos >= line.length()) {
                    break;
                }
                char e = line.charAt(pos++);
                if (e >= '0' && e <= '7') {
                    int value = e - '0';
                    for (int i = 0; i < 2 && pos < line.length() && line.charAt(pos) >= '0'
                            && line.charAt(pos) <= '7'; i++) {
                        value = value * 8 + line.charAt(pos++) - '0';
                    }
                    bytes.write(value);
                } else {
                    bytes.write(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'a' -> 7;
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'v' -> 11;
                        default -> e;
                    });
                }
            }
            throw unreadable(line);
        }
    }
}
