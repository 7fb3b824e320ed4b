package org.jailsh.linux;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jailsh.linux.internal.HostTools;
import org.jailsh.linux.internal.Dirs;
import org.jailsh.linux.internal.LineProgress;
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
 * Releases from a root file system archive: {@code fetch -r NAME --url URL --sha256 HEX}, for {@code file:},
 * {@code http:} and {@code https:} URLs of {@code .tar}, {@code .tar.gz}/{@code .tgz} and {@code .tar.xz}/{@code .txz}
 * files. The archive lands in {@code download/NAME}, resumable and verified ({@link ArchiveDownload}); its members are
 * listed and checked ({@link TarRules}) before {@code tar} extracts anything, into a directory beside the release
 * root that is renamed into place once complete.
 */
public final class ArchiveReleaseProvider implements ReleaseProvider {

    private final ArchiveDownload download;

    public ArchiveReleaseProvider() {
        this(JailStopper.SLEEP, ArchiveDownload.IDLE_MILLIS);
    }

    /** @param idleMillis how long a download may receive nothing before the attempt is given up */
    ArchiveReleaseProvider(JailStopper.Pause pause, long idleMillis) {
        this.download = new ArchiveDownload(pause, idleMillis);
    }

    @Override
    public String id() {
        return "archive";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.LINUX);
    }

    /** Ahead of providers that know releases by name: a request with a URL is always this provider's. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("fetch", "verify", "resume");
    }

    @Override
    public Availability probe(HostFacts facts) {
        if (facts.platform() != Platform.LINUX) {
            return Availability.unavailable("needs Linux");
        }
        List<String> missing = HostTools.missing(facts, "tar", "mv", "rm", "mkdir");
        return missing.isEmpty() ? Availability.ok()
                : Availability.unavailable("not found on this host: " + String.join(", ", missing));
    }

    @Override
    public boolean handles(ReleaseRequest request) {
        return request.url() != null;
    }

    @Override
    public List<String> available() {
        return List.of();
    }

    @Override
    public void fetch(ReleaseRequest request, Path downloadDir, Path releaseRoot, ProviderContext ctx) {
        String name = request.name();
        URI url = url(name, request.url());
        String sha256 = sha256(name, request.sha256());
        String file = fileName(name, url);
        List<String> compression = compression(file);
        HostExec exec = ctx.exec();
        if (!exec.dryRun() && !Dirs.isEmptyOrMissing(releaseRoot)) {
            throw new ValidationException("release " + name + " is already fetched (" + releaseRoot + ")",
                    "its jails use it as it is; remove the release first to fetch it again");
        }
        Path archive = downloadDir.resolve(file);
        exec.check("mkdir", "-p", "--", downloadDir.toString());
        if (exec.dryRun()) {
            ctx.reporter().info("would download " + url + " into " + archive + " and check its sha256 " + sha256);
        } else {
            download.fetch(url, archive, sha256, "download " + name, ctx.reporter());
        }
        int members = check(name, archive, compression, ctx);
        // Extracted beside its final place and renamed, so a failed fetch never leaves a half release behind.
        Path partial = releaseRoot.resolveSibling("." + releaseRoot.getFileName() + ".partial");
        exec.check("rm", "-rf", "--one-file-system", "--", partial.toString());
        exec.check("mkdir", "-p", "--", partial.toString());
        // tar --verbose names each member as it is written: one step of the bar each
        LineProgress progress = new LineProgress(ctx.reporter(), "extract " + name, members, line -> !line.isEmpty());
        ExecResult extracted = exec.run(extract(archive, compression, partial, ctx.facts().root()), progress);
        progress.done();
        if (!extracted.ok()) {
            exec.run(Command.of("rm", "-rf", "--one-file-system", "--", partial.toString()));
            throw new JailshException(name + ": tar could not extract " + archive + ": "
                    + firstLine(extracted.stderr()), "nothing was kept; check the archive");
        }
        exec.check("rm", "-rf", "--one-file-system", "--", releaseRoot.toString());
        exec.check("mv", "-T", "--", partial.toString(), releaseRoot.toString());
        if (!exec.dryRun()) {
            ctx.reporter().info("fetched " + name + " from " + url + " into " + releaseRoot);
        }
    }

    /**
     * Lists the archive with tar and refuses it as a whole when any member could reach outside the release. Returns
     * the number of members, the total of the extraction's progress.
     */
    private static int check(String name, Path archive, List<String> compression, ProviderContext ctx) {
        List<String> argv = new ArrayList<>(List.of("tar"));
        argv.addAll(TarListing.listOptions());
        argv.addAll(compression);
        argv.add("--file=" + archive);
        ExecResult listed = ctx.exec().run(Command.of(argv).withEnv("LC_ALL", "C"));
        if (!listed.ok()) {
            throw new JailshException(name + ": tar cannot read " + archive + ": " + firstLine(listed.stderr()),
                    "check that the URL names a tar archive of the kind its name says");
        }
        List<TarListing.Member> members;
        try {
            members = TarListing.parse(listed.stdout());
        } catch (IllegalArgumentException e) {
            throw new JailshException(name + ": " + e.getMessage(), "jailsh needs GNU tar to check archives");
        }
        if (ctx.exec().dryRun()) {
            return members.size();
        }
        if (members.isEmpty()) {
            throw new ValidationException(name + ": " + archive + " is an empty archive", "check the URL");
        }
        Optional<String> refusal = TarRules.refusal(members, ctx.facts().root());
        if (refusal.isPresent()) {
            throw new ValidationException(name + ": refusing the archive " + archive.getFileName() + ": "
                    + refusal.get(), "nothing was extracted; a release root must stay inside itself");
        }
        return members.size();
    }

    /** tar's first complaint; the rest ("Exiting with failure status…") adds nothing but lines. */
    private static String firstLine(String stderr) {
        return stderr.strip().lines().findFirst().orElse("no message");
    }

    static Command extract(Path archive, List<String> compression, Path partial, boolean root) {
        List<String> argv = new ArrayList<>(List.of("tar", "-x", "--verbose"));
        argv.addAll(compression);
        argv.add("--file=" + archive);
        // root keeps the archive's owners, by number: the host's user names mean nothing in the release
        argv.addAll(root ? List.of("--same-owner", "--numeric-owner") : List.of("--no-same-owner"));
        argv.addAll(List.of("--same-permissions", "--no-overwrite-dir", "--directory=" + partial));
        return Command.of(argv).withEnv("LC_ALL", "C");
    }

    static List<String> compression(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return List.of("--gzip");
        }
        if (lower.endsWith(".tar.xz") || lower.endsWith(".txz")) {
            return List.of("--xz");
        }
        return List.of();
    }

    private static URI url(String name, String text) {
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("file")) {
                Path.of(url);
                return url;
            }
            if (scheme.equals("http") || scheme.equals("https")) {
                return url;
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ValidationException(name + ": --url " + text + " is not a usable URL: " + e.getMessage(),
                    "e.g. https://example.org/rootfs.tar.xz or file:///srv/rootfs.tar.gz");
        }
        throw new ValidationException(name + ": --url " + text + " is neither a file: nor an http(s): URL",
                "e.g. https://example.org/rootfs.tar.xz or file:///srv/rootfs.tar.gz");
    }

    private static String sha256(String name, String text) {
        String hex = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new ValidationException(name + ": --sha256 needs the archive's SHA-256 as 64 hex digits",
                    "sha256sum ARCHIVE prints it");
        }
        return hex;
    }

    static String fileName(String name, URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        String lower = file.toLowerCase(Locale.ROOT);
        if (!file.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")
                || Stream.of(".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz").noneMatch(lower::endsWith)) {
            throw new ValidationException(name + ": cannot tell what kind of archive " + url + " is",
                    "the URL must end in a file name ending in .tar, .tar.gz, .tgz, .tar.xz or .txz");
        }
        return file;
    }
}
