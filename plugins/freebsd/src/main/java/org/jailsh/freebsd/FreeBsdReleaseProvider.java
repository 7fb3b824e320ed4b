package org.jailsh.freebsd;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jailsh.spi.Availability;
import org.jailsh.spi.Command;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.ReleaseProvider;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.ValidationException;

/**
 * Release {@code freebsd}: {@code 13.2-RELEASE} and friends from a FreeBSD mirror (iocage.md §4.1) — MANIFEST, then
 * base.txz, lib32.txz (amd64) and src.txz, each checked against MANIFEST's sha256 and fetched again up to four times,
 * then listed and refused if any member is absolute or climbs out with {@code ..}, then extracted with tar.
 * The mirror is the request's URL, else {@code JAILSH_FREEBSD_MIRROR}, else iocage's default.
 */
public final class FreeBsdReleaseProvider implements ReleaseProvider {

    static final String DEFAULT_MIRROR = "http://download.freebsd.org/ftp/releases/";
    static final int ROUNDS = 4;

    @Override
    public String id() {
        return "freebsd";
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.FREEBSD);
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("fetch", "sha256", "mirror");
    }

    @Override
    public Availability probe(HostFacts facts) {
        return facts.hasCommand("jail") ? Availability.ok()
                : Availability.unavailable("needs FreeBSD: jail(8) not found");
    }

    @Override
    public boolean handles(ReleaseRequest request) {
        return Releases.isFreeBsd(request.name()) && !request.name().matches(".*-p\\d+")
                && (request.url() == null || !request.url().matches(".*\\.(txz|tar|tgz|gz|xz|zst)"));
    }

    @Override
    public List<String> available() {
        return List.of();
    }

    @Override
    public void fetch(ReleaseRequest request, Path downloadDir, Path releaseRoot, ProviderContext ctx) {
        String release = request.name();
        if (!handles(request)) {
            throw new ValidationException("'" + release + "' is not a FreeBSD release name", "e.g. 13.2-RELEASE");
        }
        Releases.requireNotNewer(release, release, Releases.hostRelease(ctx));
        String arch = ctx.exec().run(Command.of("uname", "-m")).stdout().strip();
        arch = arch.isEmpty() ? "amd64" : arch;
        URI base = base(request, arch, ctx);
        List<String> files = new ArrayList<>(List.of("base.txz"));
        if (arch.equals("amd64")) {
            files.add("lib32.txz");
        }
        files.add("src.txz");
        if (ctx.exec().dryRun()) {
            ctx.reporter().info("dry run: would download MANIFEST " + String.join(" ", files) + " from " + base
                    + " into " + downloadDir + " and check their sha256");
        } else {
            files = download(base, files, downloadDir, ctx);
        }
        ctx.exec().check("mkdir", "-p", releaseRoot.toString());
        for (String file : files) {
            extract(downloadDir.resolve(file), releaseRoot, ctx);
        }
    }

    private static URI base(ReleaseRequest request, String arch, ProviderContext ctx) {
        String mirror = request.url() != null ? request.url()
                : ctx.facts().env().getOrDefault("JAILSH_FREEBSD_MIRROR", DEFAULT_MIRROR);
        if (!mirror.matches("(?i)(https?|file):.*")) {
            throw new ValidationException("mirror '" + mirror + "' is not an http, https or file URL",
                    "e.g. " + DEFAULT_MIRROR);
        }
        String dir = arch.equals("arm64") ? "arm64/aarch64" : arch;
        if (!dir.matches("[a-z0-9_/]+")) {
            throw new JailshException("uname -m answered '" + arch + "'", "is this FreeBSD?");
        }
        return URI.create((mirror.endsWith("/") ? mirror : mirror + "/") + dir + "/" + request.name() + "/");
    }

    /** §4.1 steps 3–4: MANIFEST, then each file until its sha256 matches, at most {@link #ROUNDS} rounds. */
    private static List<String> download(URI base, List<String> wanted, Path dir, ProviderContext ctx) {
        Downloads.fetch(base.resolve("MANIFEST"), dir.resolve("MANIFEST"));
        Map<String, String> manifest = manifest(dir.resolve("MANIFEST"));
        List<String> files = new ArrayList<>();
        for (String file : wanted) {
            if (manifest.containsKey(file)) {
                files.add(file);
            } else {
                ctx.reporter().warn(file + " is not in the MANIFEST of " + base + "; skipped");
            }
        }
        for (String file : files) {
            Path target = dir.resolve(file);
            String expected = manifest.get(file);
            for (int round = 1; ; round++) {
                if (!Files.exists(target) || !Downloads.sha256(target).equalsIgnoreCase(expected)) {
                    ctx.reporter().info("downloading " + base.resolve(file));
                    Downloads.fetch(base.resolve(file), target);
                }
                if (Downloads.sha256(target).equalsIgnoreCase(expected)) {
                    break;
                }
                if (round == ROUNDS) {
                    throw new JailshException(file + " does not match its sha256 in MANIFEST after " + ROUNDS
                            + " downloads", "try another mirror (-s), or check " + base);
                }
                ctx.reporter().warn(file + " does not match its sha256 in MANIFEST; downloading it again");
            }
        }
        return files;
    }

    /** MANIFEST lines: {@code name TAB sha256 TAB count TAB dist TAB "description" TAB on|off}. */
    static Map<String, String> manifest(Path file) {
        Map<String, String> sums = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t");
                if (f.length >= 2 && f[1].matches("[0-9a-fA-F]{64}")) {
                    sums.put(f[0], f[1]);
                }
            }
        } catch (java.io.IOException e) {
            throw new JailshException("cannot read " + file + ": " + e.getMessage());
        }
        if (sums.isEmpty()) {
            throw new JailshException(file + " lists no files", "the mirror's MANIFEST is broken; try another mirror");
        }
        return sums;
    }

    /** §4.1 step 5, safely: every member is listed first; an absolute or {@code ..} member refuses the archive. */
    static void extract(Path archive, Path root, ProviderContext ctx) {
        String listing = ctx.exec().check(Command.of("tar", "-tf", archive.toString())).stdout();
        for (String member : listing.split("\n")) {
            if (member.isEmpty()) {
                continue;
            }
            boolean climbs = List.of(member.split("/")).contains("..");
            if (member.startsWith("/") || climbs) {
                throw new JailshException(archive.getFileName() + " contains the unsafe member '" + member
                        + "'; nothing was extracted", "the archive is not a FreeBSD distribution set");
            }
        }
        ctx.exec().check("tar", "-C", root.toString(), "-xpf", archive.toString());
    }
}
