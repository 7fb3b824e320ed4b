package org.jailsh.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link HostView} of the machine this JVM runs on. */
final class ProcHostView implements HostView {

    static final ProcHostView INSTANCE = new ProcHostView(Path.of("/proc"));

    private final Path proc;

    ProcHostView(Path proc) {
        this.proc = proc;
    }

    @Override
    public OptionalLong startTime(long pid) {
        try {
            return parseStartTime(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The command name (field 2) may hold spaces and parentheses, so fields are counted after the last ')'. */
    static OptionalLong parseStartTime(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        if (fields.length < 20 || fields[0].equals("Z") || fields[0].equals("X")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fields[19]));
    }

    @Override
    public List<Path> mountPoints() {
        try {
            return parseMountPoints(Files.readAllLines(proc.resolve("self/mountinfo")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + proc.resolve("self/mountinfo") + ": " + e.getMessage(), e);
        }
    }

    static List<Path> parseMountPoints(List<String> mountinfo) {
        List<Path> points = new ArrayList<>();
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                points.add(Path.of(unescape(fields[4])));
            }
        }
        return points;
    }

    /** mountinfo writes space, tab, newline and backslash as three-digit octal escapes. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public Optional<String> readInJail(long pid, String path) {
        Path file = proc.resolve(Long.toString(pid)).resolve("root");
        try {
            for (String part : path.split("/")) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    continue;
                }
                file = file.resolve(part);
                if (Files.isSymbolicLink(file)) {
                    return Optional.empty();
                }
            }
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readString(file))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
