package org.jailsh.spi;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A host profile: the family of operating systems a provider works on. */
public enum Platform {
    LINUX, FREEBSD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Platform parse(String text) {
        for (Platform p : values()) {
            if (p.id().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new UsageException("unknown platform '" + text + "'",
                "use one of: " + Arrays.stream(values()).map(Platform::id).collect(Collectors.joining(", ")));
    }

    /** The profile of the machine this JVM runs on; anything that is not FreeBSD is treated as Linux. */
    public static Platform detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("freebsd") ? FREEBSD : LINUX;
    }
}
