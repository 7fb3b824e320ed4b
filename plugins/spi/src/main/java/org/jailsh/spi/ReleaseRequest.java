package org.jailsh.spi;

/** A release to fetch: its name, and for archive releases the URL and the required sha256. */
public record ReleaseRequest(String name, String url, String sha256) {

    public static ReleaseRequest named(String name) {
        return new ReleaseRequest(name, null, null);
    }
}
