package org.jailsh.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jailsh.linux.internal.HostTools;
import org.jailsh.linux.internal.LineProgress;
import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ReleaseProvider;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.ValidationException;

/**
 * Debian releases ({@code debian-12}/{@code bookworm}, {@code debian-13}/{@code trixie}) made with
 * {@code debootstrap --variant=minbase SUITE ROOT MIRROR}, the mirror being the host's own. The finished root is kept
 * as {@code /var/cache/jailsh/debootstrap/SUITE.tar}, outside any state root, and later fetches (another state root, a
 * CI re-run) unpack that instead of bootstrapping again: seconds instead of half a minute and a download.
 */
public final class DebianReleaseProvider implements ReleaseProvider {

    static final Map<String, String> SUITES = Map.of("debian-12", "bookworm", "bookworm", "bookworm",
            "debian-13", "trixie", "trixie", "trixie");

    private final Path cacheDir;
    private final Path aptDir;

    public DebianReleaseProvider() {
        this(Path.of("/var/cache/jailsh/debootstrap"), Path.of("/etc/apt"));
    }

    DebianReleaseProvider(Path cacheDir, Path aptDir) {
        this.cacheDir = cacheDir;
        this.aptDir = aptDir;
    }

    @Override
    public String id() {
        return "debian";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("fetch", "cache");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (facts.platform() != Platform.LINUX) {
            return Availability.unavailable("needs Linux");
        }
        if (!facts.root()) {
            return Availability.unavailable("debootstrap needs root (a Debian root has files of many owners)");
        }
        List<String> missing = HostTools.missing(facts, "debootstrap", "tar");
        return missing.isEmpty() ? Availability.ok() : Availability.unavailable("not found on this host: "
                + String.join(", ", missing) + "; install it: apt-get install debootstrap");
    }

    @Override
    public boolean handles(ReleaseRequest request) {
        return request.url() == null && SUITES.containsKey(request.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> available() {
        return List.of("debian-12", "debian-13");
    }

    Path cache(String suite) {
        return cacheDir.resolve(suite + ".tar");
    }

    @Override
    public void fetch(ReleaseRequest request, Path downloadDir, Path releaseRoot, ProviderContext ctx) {
        String suite = SUITES.get(request.name().toLowerCase(Locale.ROOT));
        HostExec exec = ctx.exec();
        if (!exec.dryRun() && Files.exists(releaseRoot)) {
            throw new ValidationException("release " + request.name() + " is already fetched (" + releaseRoot + ")",
                    "its jails use it as it is; remove the release first to fetch it again");
        }
        Path partial = releaseRoot.resolveSibling("." + releaseRoot.getFileName() + ".partial");
        exec.check("rm", "-rf", "--one-file-system", "--", partial.toString());
        exec.check("mkdir", "-p", "--", partial.toString());
        Path cache = cache(suite);
        if (Files.isRegularFile(cache)) {
            ctx.reporter().info("unpacking " + suite + " from " + cache);
            LineProgress progress = new LineProgress(ctx.reporter(), "extract " + request.name(), -1,
                    line -> !line.isEmpty());
            exec.run(Command.of("tar", "--numeric-owner", "--xattrs", "--verbose", "-xpf", cache.toString(), "-C",
                    partial.toString()), progress).check();
            progress.done();
        } else {
            String mirror = DebianMirror.of(aptDir);
            ctx.reporter().info("debootstrap " + suite + " from " + mirror + " (once; kept in " + cache + ")");
            exec.check("debootstrap", "--variant=minbase", suite, partial.toString(), mirror);
            Path temp = cache.resolveSibling("." + cache.getFileName() + ".tmp");
            exec.check("mkdir", "-p", "--", cacheDir.toString());
            exec.check("tar", "--numeric-owner", "--xattrs", "-cpf", temp.toString(), "-C", partial.toString(), ".");
            exec.check("mv", "-f", "--", temp.toString(), cache.toString());
        }
        exec.check("mv", "-T", "--", partial.toString(), releaseRoot.toString());
        if (!exec.dryRun()) {
            ctx.reporter().info("fetched " + request.name() + " (Debian " + suite + ") into " + releaseRoot);
        }
    }
}
