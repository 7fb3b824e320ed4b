package org.jailsh.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jail manager's log (the seed's {@code iocage.log}): every operation, its host commands and their output, in
 * iocage's line format, rotated at 10 MiB keeping 5 files. Opened lazily: read-only commands never create it.
 */
public final class OperationLog {

    private static final long MAX_BYTES = 10L << 20;
    private static final int KEEP = 5;
    /** Values never written as they are (recipe secrets): every occurrence becomes {@code ******}. */
    private static final Set<String> REDACTED = ConcurrentHashMap.newKeySet();

    private final Path file;

    /** From now on, {@code secret} appears in no log line of this process; blank values are ignored. */
    public static void redact(String secret) {
        if (secret != null && !secret.isBlank()) {
            REDACTED.add(secret);
        }
    }

    static String redacted(String message) {
        String text = message;
        for (String secret : REDACTED.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            text = text.replace(secret, "******");
        }
        return text;
    }

    public OperationLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void write(String level, String message) {
        try {
            Files.createDirectories(file.getParent());
            rotateIfFull();
            String line = stamp(System.currentTimeMillis()) + " (" + level + ") "
                    + redacted(message).replace("\n", "\n    ") + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a log that cannot be written must never stop the operation it describes
        }
    }

    /**
     * Local time as iocage.log has it ({@code 2026/12/04 20:59:01}), from {@link TimeZone}'s offset: java.time's
     * own zone rules would cost a one-shot verb a second read of the zone database, ~10 ms on a cold JVM.
     */
    static String stamp(long epochMillis) {
        return stamp(epochMillis, TimeZone.getDefault().getOffset(epochMillis));
    }

    static String stamp(long epochMillis, int offsetMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis + offsetMillis, 1000), 0,
                ZoneOffset.UTC);
        return t.getYear() + "/" + two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + " " + two(t.getHour())
                + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    public void info(String message) {
        write("INFO", message);
    }

    private void rotateIfFull() throws IOException {
        if (!Files.exists(file) || Files.size(file) < MAX_BYTES) {
            return;
        }
        for (int i = KEEP - 1; i >= 1; i--) {
            Path older = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling(file.getFileName() + "." + (i + 1)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
}
