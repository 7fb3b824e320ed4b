package org.jailsh.spi;

/** The answer of {@link Provider#probe}: can this provider work here, and if not, why not. */
public record Availability(boolean available, String reason) {

    public static Availability ok() {
        return new Availability(true, "");
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
