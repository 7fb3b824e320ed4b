package org.jailsh.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jailsh.spi.JailRef;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.ValidationException;

/**
 * What {@link StartScripts#NAMESPACE} must do to assemble a jail, as its step arguments: the storage provider's
 * overlay for the root first, then resolv.conf and localtime, then the jail's fstab bind mounts. Everything that can
 * be refused is refused here, before any process starts.
 *
 * @param steps          step words for the namespace script
 * @param layers         the jail root's layers, top first, where paths inside the jail are looked up before start
 * @param missingSources fstab sources to create on the host before start
 */
record MountPlan(List<String> steps, List<Path> layers, List<Path> missingSources) {

    static MountPlan of(JailRef jail, List<MountEntry> mounts) {
        return of(jail, mounts, java.util.Map.of());
    }

    /** As {@link #of(JailRef, List)}, with the host environment the jail inherits its proxy settings from. */
    static MountPlan of(JailRef jail, List<MountEntry> mounts, java.util.Map<String, String> hostEnv) {
        List<String> steps = new ArrayList<>();
        List<Path> layers = new ArrayList<>();
        List<MountEntry> binds = new ArrayList<>();
        for (MountEntry entry : mounts) {
            if (entry.type().equals("overlay")) {
                rootStep(jail, entry, steps, layers);
            } else {
                binds.add(entry);
            }
        }
        if (layers.isEmpty()) {
            layers.add(jail.root());
        }
        hostFiles(jail, steps);
        proxy(hostEnv, steps);
        List<Path> missing = new ArrayList<>();
        for (MountEntry entry : binds) {
            String type = entry.type().toLowerCase(Locale.ROOT);
            if (!type.equals("nullfs") && !type.equals("bind")) {
                throw new ValidationException(jail.name() + ": mount type " + entry.type() + " for "
                        + entry.destination() + " is not supported by linux-ns", "use nullfs (a bind mount)");
            }
            Path source = source(jail, entry.source());
            String destination = JailPaths.destination(jail, entry.destination());
            JailPaths.refuseSymlinks(jail.name(), layers, destination);
            if (!Files.exists(source)) {
                missing.add(source);
            }
            steps.addAll(List.of("bind", source.toString(), destination, entry.readOnly() ? "ro" : "rw"));
        }
        return new MountPlan(List.copyOf(steps), List.copyOf(layers), List.copyOf(missing));
    }

    private static void rootStep(JailRef jail, MountEntry entry, List<String> steps, List<Path> layers) {
        if (!entry.destination().equals("/")) {
            throw new ValidationException(jail.name() + ": overlay mounts are only taken for the jail root, not "
                    + entry.destination(), "mount host directories with nullfs (a bind mount)");
        }
        if (!layers.isEmpty()) {
            throw new ValidationException(jail.name() + ": more than one mount for the jail root",
                    "check the storage provider's root mounts");
        }
        steps.addAll(List.of("overlay", entry.options()));
        layers.addAll(overlayLayers(entry.options()));
    }

    /** upperdir first, then lowerdir's layers left to right: the order in which overlayfs looks a name up. */
    static List<Path> overlayLayers(String options) {
        List<Path> uppers = new ArrayList<>();
        List<Path> lowers = new ArrayList<>();
        for (String option : options.split(",")) {
            if (option.startsWith("upperdir=")) {
                uppers.add(Path.of(option.substring("upperdir=".length())));
            } else if (option.startsWith("lowerdir=")) {
                for (String lower : option.substring("lowerdir=".length()).split(":")) {
                    lowers.add(Path.of(lower));
                }
            }
        }
        uppers.addAll(lowers);
        return uppers;
    }

    /** iocage's {@code resolver} and {@code host_time}: what the jail gets of the host's name service and clock. */
    private static void hostFiles(JailRef jail, List<String> steps) {
        String resolver = jail.property("resolver");
        switch (resolver) {
            case "/etc/resolv.conf", "none" -> steps.addAll(List.of("copy", "/etc/resolv.conf", "/etc/resolv.conf"));
            case "/dev/null" -> {
            }
            default -> steps.addAll(List.of("file", "/etc/resolv.conf", resolver.replace(';', '\n').strip() + "\n"));
        }
        if (jail.flag("host_time")) {
            steps.addAll(List.of("copy", "/etc/localtime", "/etc/localtime"));
        }
    }

    static final List<String> PROXY_VARIABLES = List.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy",
            "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY");

    /**
     * The seed's rule: the proxy the host uses is passed to the jail, DNS is not (resolv.conf follows
     * {@code resolver}). Written at every start, so a changed host proxy reaches the jail at its next start.
     */
    private static void proxy(java.util.Map<String, String> hostEnv, List<String> steps) {
        StringBuilder script = new StringBuilder();
        for (String name : PROXY_VARIABLES) {
            String value = hostEnv.get(name);
            if (value != null && !value.isBlank() && value.chars().noneMatch(c -> c < 0x20)) {
                script.append("export ").append(name).append("='").append(value.replace("'", "'\\''"))
                        .append("'\n");
            }
        }
        if (!script.isEmpty()) {
            steps.addAll(List.of("file", "/etc/profile.d/jailsh-proxy.sh",
                    "# the host's proxy, passed on by jailsh at start\n" + script));
        }
    }

    private static Path source(JailRef jail, String source) {
        Path path = Path.of(source).normalize();
        if (!path.isAbsolute()) {
            throw new ValidationException(jail.name() + ": mount source " + source + " is not an absolute path",
                    "give the host directory's full path, e.g. /mnt/tank/media");
        }
        if (path.startsWith(jail.dir().toAbsolutePath().normalize())) {
            throw new ValidationException(jail.name() + ": mount source " + source + " is inside the jail's own "
                    + "directory", "mount a host directory outside " + jail.dir());
        }
        return path;
    }
}
