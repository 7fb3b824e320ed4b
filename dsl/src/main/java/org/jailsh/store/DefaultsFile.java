package org.jailsh.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.jailsh.model.IocageProperties;
import org.jailsh.spi.Reporter;

/**
 * {@code IOCROOT/defaults.json}: created from the built-in defaults when missing; when corrupt, a warning naming the
 * file and the built-ins used from memory, the file left as it is. Built-ins are always merged under what the file
 * holds, so a key added later (iocage's {@code allow_mount_linprocfs} trap) is never missing.
 */
public final class DefaultsFile {

    private DefaultsFile() {
    }

    public static Map<String, Object> load(IocRoot root, Reporter reporter, boolean mayCreate) {
        Path file = root.defaultsFile();
        if (!Files.exists(file)) {
            // a random prefix only for a file that keeps it: a read (list, get) needs none, and seeding
            // SecureRandom is a tenth of a one-shot list's start-up
            Map<String, Object> fresh = IocageProperties.builtInDefaults(mayCreate ? newMacPrefix() : "02ff60",
                    hostid());
            if (mayCreate) {
                reporter.info("Default configuration missing, creating " + file);
                IocageJson.write(file, fresh);
            }
            return fresh;
        }
        Map<String, Object> merged = new TreeMap<>(IocageProperties.builtInDefaults("02ff60", hostid()));
        try {
            merged.putAll(IocageJson.read(file));
        } catch (CorruptFileException e) {
            reporter.warn(file + " corrupted (" + e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                    + "); using built-in defaults from memory. Delete it to recreate it.");
        }
        return merged;
    }

    /** Locally administered, unicast: the second hex digit is 2, 6, a or e. */
    static String newMacPrefix() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0xFC) | 0x02);
        return HexFormat.of().formatHex(bytes);
    }

    /** FreeBSD's /etc/hostid is a text UUID; glibc's is 4 binary bytes, which iocage would not understand. */
    static String hostid() {
        try {
            Path file = Path.of("/etc/hostid");
            if (Files.isRegularFile(file) && Files.size(file) < 100) {
                String text = Files.readString(file).trim();
                if (text.matches("[0-9a-fA-F-]{8,36}")) {
                    return text;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no usable host id: iocage stores null too
        }
        return null;
    }
}
