package org.jailsh.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jailsh.spi.ProviderContext;
import org.jailsh.spi.StartupResources;
import org.jailsh.spi.exec.AtomicFiles;

/**
 * {@code jailsh-ns} (src/main/c), the small program that starts a jail in one process: the build compiles it into
 * this jar when a C compiler is there, and the first start writes it to {@code IOCROOT/.jailsh/bin/}, named by its
 * content's hash, executable by its owner only. Without it (no compiler at build time, another CPU, or
 * {@code JAILSH_NS_HELPER=off}) jails start through {@link StartScripts}' shell scripts, which do the same, slower.
 */
class NsHelper {

    static final String OFF = "JAILSH_NS_HELPER";

    /** One look-up per state root and JVM: the file is checked once, not at every start. */
    private static final Map<Path, Optional<Path>> INSTALLED = new ConcurrentHashMap<>();

    private final String resource;

    NsHelper(String resource) {
        this.resource = resource;
    }

    /** The helper built for this JVM's CPU. */
    static NsHelper host() {
        String arch = System.getProperty("os.arch");
        return new NsHelper("native/jailsh-ns-" + (arch.equals("amd64") ? "x86_64" : arch));
    }

    /** Where no helper is ever used (specs of the shell-script path). */
    static NsHelper none() {
        return new NsHelper(null);
    }

    /** Whether the build put a helper for this CPU into the jar (it needs a C compiler). */
    boolean built() {
        return resource != null && NsHelper.class.getResource(resource) != null;
    }

    /** The helper's path, written there first when needed; empty when there is none to use. */
    Optional<Path> find(ProviderContext ctx) {
        if (resource == null || "off".equalsIgnoreCase(ctx.facts().env().getOrDefault(OFF, ""))) {
            return Optional.empty();
        }
        if (ctx.exec().dryRun()) {
            return stamp().map(stamp -> target(ctx.stateRoot(), stamp.hash()));
        }
        Path key = ctx.stateRoot().toAbsolutePath().normalize();
        Optional<Path> found = INSTALLED.computeIfAbsent(key, this::install);
        if (found.isPresent() && !Files.isExecutable(found.get())) {
            INSTALLED.remove(key);
            found = INSTALLED.computeIfAbsent(key, this::install);
        }
        return found;
    }

    /**
     * The helper could not be run (e.g. the state root is on a {@code noexec} mount): this JVM starts jails through
     * the scripts from now on, and says so once.
     */
    void unusable(ProviderContext ctx, RuntimeException why) {
        INSTALLED.put(ctx.stateRoot().toAbsolutePath().normalize(), Optional.empty());
        ctx.reporter().warn("jailsh-ns cannot run (" + why.getMessage() + "); jails start through the slower shell "
                + "scripts; a state root on a file system that allows executables avoids this");
    }

    /**
     * The helper already written for this build is used as it is, found by the hash and size the build recorded
     * next to it ({@code jailsh-ns-ARCH.sha256}): reading the binary out of the jar and hashing it at every start
     * was a sixth of a one-shot {@code start}. Otherwise it is written from the jar, its hash checked first.
     */
    private Optional<Path> install(Path stateRoot) {
        return stamp().map(stamp -> {
            Path target = target(stateRoot, stamp.hash());
            try {
                if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == stamp.size()
                        && Files.isExecutable(target)) {
                    return target;
                }
                byte[] content = bytes().orElseThrow(() -> new IOException("the jar has no " + resource));
                if (content.length != stamp.size() || !sha256(content).equals(stamp.hash())) {
                    throw new IOException(resource + " does not match the hash the build recorded");
                }
                // executable before it has its name: a start running at the same moment never finds it half-ready
                AtomicFiles.write(target, content, true, PosixFilePermissions.fromString("r-x------"));
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        });
    }

    /** What the build recorded about the helper: its SHA-256 and its size. */
    record Stamp(String hash, long size) {
    }

    Optional<Stamp> stamp() {
        if (resource == null) {
            return Optional.empty();
        }
        try {
            byte[] text = StartupResources.read(NsHelper.class, resource + ".sha256");
            if (text == null) {
                return Optional.empty();
            }
            String[] words = new String(text, StandardCharsets.US_ASCII).trim().split("\\s+");
            return Optional.of(new Stamp(words[0], Long.parseLong(words[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<byte[]> bytes() {
        try (InputStream in = NsHelper.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path target(Path stateRoot, String hash) {
        return stateRoot.toAbsolutePath().resolve(".jailsh").resolve("bin").resolve("jailsh-ns-"
                + hash.substring(0, 16));
    }
}
