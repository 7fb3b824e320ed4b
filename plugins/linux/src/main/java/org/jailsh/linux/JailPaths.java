package org.jailsh.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.JailRef;
import org.jailsh.spi.ValidationException;

/**
 * Mount destinations inside a jail, checked before anything is mounted. The jail's root may be layered (an overlay
 * assembled only at start), so a path is looked up in each layer, top first, as overlayfs would.
 */
final class JailPaths {

    private static final String HINT = "use a plain directory inside the jail";

    private JailPaths() {
    }

    /**
     * The destination as an absolute path inside the jail, without '.' or repeated slashes. iocage's fstab writes
     * destinations as host paths under the jail root; those are accepted and made relative to it.
     */
    static String destination(JailRef jail, String destination) {
        String d = destination;
        String hostRoot = jail.root().toString();
        if (d.startsWith(hostRoot + "/")) {
            d = d.substring(hostRoot.length());
        }
        if (!d.startsWith("/")) {
            throw new ValidationException(jail.name() + ": mount destination " + destination
                    + " is not an absolute path", "write it as the jail sees it, e.g. /media");
        }
        List<String> parts = parts(d);
        if (parts.contains("..")) {
            throw new ValidationException(jail.name() + ": mount destination " + destination + " contains '..'",
                    HINT);
        }
        if (parts.isEmpty()) {
            throw new ValidationException(jail.name() + ": cannot mount over the jail's root directory",
                    "mount into a directory inside the jail, e.g. /media");
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Refuses a destination any component of which is a symlink in the topmost layer that has it: mounting there
     * would follow the link with the host's root, out of the jail.
     */
    static void refuseSymlinks(String jail, List<Path> layers, String destination) {
        String prefix = "";
        for (String part : parts(destination)) {
            prefix = prefix + "/" + part;
            boolean found = false;
            for (Path layer : layers) {
                Path candidate = layer.resolve(prefix.substring(1));
                if (Files.isSymbolicLink(candidate)) {
                    throw symlink(jail, destination, prefix, readLink(candidate));
                }
                if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return;
            }
        }
    }

    private static ValidationException symlink(String jail, String destination, String component, String target) {
        String what = destination.equals(component) ? "" : ": " + component;
        String where = leaves(component, target) ? "is a symlink that leaves the jail" : "is a symlink";
        return new ValidationException(jail + ": mount destination " + destination + what + " " + where
                + " (-> " + target + ")", HINT);
    }

    /** An absolute target is resolved against the host's root at mount time; a relative one may climb out. */
    static boolean leaves(String component, String target) {
        if (target.startsWith("/")) {
            return true;
        }
        int depth = parts(component).size() - 1;
        for (String part : parts(target)) {
            depth += part.equals("..") ? -1 : 1;
            if (depth < 0) {
                return true;
            }
        }
        return false;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static List<String> parts(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }
}
