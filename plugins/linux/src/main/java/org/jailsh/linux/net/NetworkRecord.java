package org.jailsh.linux.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What attaching a jail created on the host, kept in {@code JAILDIR/.jailsh-net} so detach removes exactly that and
 * nothing else (and a crash in between leaves a list to clean up). One {@code KIND VALUE…} per line.
 */
record NetworkRecord(List<String[]> entries) {

    static final String FILE = ".jailsh-net";

    static NetworkRecord read(Path jailDir) {
        List<String[]> entries = new ArrayList<>();
        Path file = jailDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        entries.add(line.trim().split(" "));
                    }
                }
            } catch (IOException e) {
                // an unreadable record means nothing to undo that we could name
            }
        }
        return new NetworkRecord(entries);
    }

    List<String> values(String kind) {
        return entries.stream().filter(e -> e[0].equals(kind) && e.length > 1).map(e -> e[1]).toList();
    }

    List<String[]> all(String kind) {
        return entries.stream().filter(e -> e[0].equals(kind)).toList();
    }

    static String format(List<String> lines) {
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }
}
