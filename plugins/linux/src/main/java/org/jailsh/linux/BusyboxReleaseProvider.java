package org.jailsh.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jailsh.linux.internal.ElfFiles;
import org.jailsh.linux.internal.HostTools;
import org.jailsh.linux.internal.Dirs;
import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ReleaseProvider;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.ValidationException;

/**
 * The {@code busybox} release: a root of about 2 MB around a static busybox, built without any network beyond the
 * distribution's package mirror, so the first jail works in seconds. A static busybox already on the host is used as
 * is; otherwise the {@code busybox-static} Debian package is downloaded into the release's download directory and
 * unpacked there (neither needs root).
 */
public final class BusyboxReleaseProvider implements ReleaseProvider {

    static final String NAME = "busybox";
    static final String PACKAGE = "busybox-static";
    private static final Pattern VERSION = Pattern.compile("BusyBox v([^\\s]+)");

    private final List<Path> candidates;

    public BusyboxReleaseProvider() {
        this(List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox")));
    }

    /** @param candidates where a static busybox may already be, in order of preference */
    BusyboxReleaseProvider(List<Path> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("fetch", "offline");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (facts.platform() != Platform.LINUX) {
            return Availability.unavailable("needs Linux");
        }
        if (hostBusybox().isPresent()) {
            return Availability.ok();
        }
        List<String> missing = HostTools.missing(facts, "apt-get", "dpkg-deb");
        return missing.isEmpty() ? Availability.ok() : Availability.unavailable("no static busybox on this host and "
                + String.join(", ", missing) + " not found to fetch one; install " + PACKAGE);
    }

    @Override
    public boolean handles(ReleaseRequest request) {
        return NAME.equalsIgnoreCase(request.name()) && request.url() == null;
    }

    @Override
    public List<String> available() {
        return List.of(NAME);
    }

    @Override
    public void fetch(ReleaseRequest request, Path downloadDir, Path releaseRoot, ProviderContext ctx) {
        HostExec exec = ctx.exec();
        if (!exec.dryRun() && !Dirs.isEmptyOrMissing(releaseRoot)) {
            throw new ValidationException("release " + NAME + " is already fetched (" + releaseRoot + ")",
                    "its jails use it as it is; remove the release first to fetch it again");
        }
        Path busybox = locate(downloadDir, ctx);
        List<String> applets = exec.check(busybox.toString(), "--list-full").stdout().lines().toList();
        String version = version(exec.run(Command.of(busybox.toString(), "--help")));
        // Built beside its final place and renamed, so a failed fetch never leaves a half release behind.
        Path partial = releaseRoot.resolveSibling("." + releaseRoot.getFileName() + ".partial");
        exec.check("rm", "-rf", "--one-file-system", "--", partial.toString());
        BusyboxRootfs.build(partial, busybox, applets, version, exec, ctx.reporter());
        exec.check("rm", "-rf", "--one-file-system", "--", releaseRoot.toString());
        exec.check("mv", "-T", "--", partial.toString(), releaseRoot.toString());
        if (!exec.dryRun()) {
            ctx.reporter().info("fetched " + NAME + " " + version + " into " + releaseRoot);
        }
    }

    private Optional<Path> hostBusybox() {
        return candidates.stream().filter(ElfFiles::isStatic).findFirst();
    }

    private Path locate(Path downloadDir, ProviderContext ctx) {
        Optional<Path> onHost = hostBusybox();
        if (onHost.isPresent()) {
            ctx.reporter().info("using the static busybox at " + onHost.get());
            return onHost.get();
        }
        Path unpacked = downloadDir.resolve(PACKAGE);
        Path busybox = unpacked.resolve("bin/busybox");
        if (ElfFiles.isStatic(busybox)) {
            return busybox;
        }
        HostExec exec = ctx.exec();
        exec.check("mkdir", "-p", "--", downloadDir.toString());
        Optional<Path> deb = downloaded(downloadDir);
        if (deb.isEmpty()) {
            ctx.reporter().info("downloading " + PACKAGE + " with apt-get into " + downloadDir);
            ExecResult result = exec.run(new Command(List.of("apt-get", "download", PACKAGE), Map.of(), downloadDir,
                    null, false));
            if (!result.ok()) {
                throw new JailshException("cannot download " + PACKAGE + ": " + result.stderr().strip(),
                        "run 'apt-get update' (as root) or install it: apt-get install " + PACKAGE);
            }
            deb = downloaded(downloadDir);
        }
        Path debFile = deb.orElse(downloadDir.resolve(PACKAGE + ".deb"));
        exec.check("dpkg-deb", "-x", debFile.toString(), unpacked.toString());
        if (!exec.dryRun() && !ElfFiles.isStatic(busybox)) {
            throw new JailshException(debFile + " did not contain a static bin/busybox",
                    "remove " + downloadDir + " and fetch again");
        }
        return busybox;
    }

    private static Optional<Path> downloaded(Path downloadDir) {
        if (!Files.isDirectory(downloadDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(downloadDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(PACKAGE + "_"))
                    .filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String version(ExecResult help) {
        Matcher m = VERSION.matcher(help.stdout());
        return m.find() ? m.group(1) : "unknown";
    }
}
