package org.jailsh.freebsd;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jailsh.spi.Command;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ValidationException;

/** FreeBSD release names and the host limit of iocage.md §3: a release newer than the host's major is refused. */
final class Releases {

    /** {@code 13.2-RELEASE}, {@code 14.0-RC1}, {@code 13.2-RELEASE-p4}, {@code 14.1-STABLE}. */
    static final Pattern NAME = Pattern.compile("(\\d+)\\.(\\d+)-(RELEASE|STABLE|CURRENT|BETA\\d*|RC\\d*|ALPHA\\d*)"
            + "(-p\\d+)?");

    private Releases() {
    }

    static boolean isFreeBsd(String release) {
        return release != null && NAME.matcher(release).matches();
    }

    /** The major version, or -1 when the name is not a FreeBSD release (EMPTY, a Linux release). */
    static int major(String release) {
        Matcher m = release == null ? null : NAME.matcher(release);
        return m != null && m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** {@code 13.2-RELEASE-p4} → {@code 13.2-RELEASE}: the name freebsd-update and the dataset use (§4.8 step 3). */
    static String withoutPatch(String release) {
        return release.replaceFirst("-p\\d+$", "");
    }

    /** The host's {@code uname -r}, or "" when unknown (a dry run). */
    static String hostRelease(ProviderContext ctx) {
        return ctx.exec().run(Command.of("uname", "-r")).stdout().strip();
    }

    /**
     * §3 {@code check_release_newer(major_only=True)}: a host that is not a {@code -RELEASE}/{@code -STABLE} kernel,
     * or an unknown one, skips the check.
     */
    static void requireNotNewer(String jail, String release, String host) {
        if (!isFreeBsd(release) || !host.matches("\\d+\\.\\d+-(RELEASE|STABLE).*")) {
            return;
        }
        int hostMajor = Integer.parseInt(host.substring(0, host.indexOf('.')));
        if (major(release) > hostMajor) {
            throw new ValidationException(jail + ": the host runs " + host + ", older than release " + release
                    + "; a jail cannot run a newer major release than its host",
                    "use a " + hostMajor + ".x release, or upgrade the host first");
        }
    }
}
