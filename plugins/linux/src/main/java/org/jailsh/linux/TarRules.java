package org.jailsh.linux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jailsh.linux.TarListing.Member;

/**
 * What a release archive may contain, checked on its whole listing before anything is extracted: tar runs with the
 * host's privileges, so one bad member could write or link outside the release. An archive is refused as a whole
 * when a member
 * <ul>
 *   <li>has an absolute name or a {@code ..} component;</li>
 *   <li>lies beneath a symlink of the archive ({@code x -> /etc}, then {@code x/passwd}), which would write through
 *       it;</li>
 *   <li>is a symlink whose target climbs out of the root: targets are read as the jail reads them (an absolute one
 *       from the jail's root, as Alpine's {@code /bin/ls -> /bin/busybox}; a relative one from the link's
 *       directory), with the archive's own symlinks followed;</li>
 *   <li>is a hard link to anything but an earlier, non-directory member of the archive;</li>
 *   <li>has the name of an earlier symlink of the archive, which tar would follow or replace;</li>
 *   <li>is a device node, unless jailsh runs as root; or has a type tar lists as something else.</li>
 * </ul>
 */
final class TarRules {

    private static final int MAX_HOPS = 40;

    private TarRules() {
    }

    /** Why the archive is refused, naming the first bad member; empty when every member is acceptable. */
    static Optional<String> refusal(List<Member> members, boolean root) {
        Map<String, String> symlinks = new HashMap<>();
        for (Member m : members) {
            List<String> parts = parts(m.name());
            if (m.type() == 'l' && parts != null && !parts.isEmpty()) {
                symlinks.put(String.join("/", parts), m.target());
            }
        }
        Set<String> earlier = new HashSet<>();
        Set<String> earlierLinks = new HashSet<>();
        for (Member m : members) {
            Optional<String> why = check(m, symlinks, earlier, root);
            if (why.isPresent()) {
                return Optional.of("member \"" + m.name() + "\" " + why.get());
            }
            String name = String.join("/", parts(m.name()));
            // tar resolves an existing symlink differently per member type (a directory goes through it, a file
            // may replace it); the checks above assume each symlink of the archive stays what it was
            if (earlierLinks.contains(name)) {
                return Optional.of("member \"" + m.name() + "\" replaces the archive's earlier symlink \"" + name
                        + "\"");
            }
            if (m.type() == 'l') {
                earlierLinks.add(name);
            }
            if (m.type() != 'd') {
                earlier.add(name);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(Member m, Map<String, String> symlinks, Set<String> earlier, boolean root) {
        if (m.name().startsWith("/")) {
            return Optional.of("has an absolute path");
        }
        List<String> parts = parts(m.name());
        if (parts == null) {
            return Optional.of("has a '..' component");
        }
        Optional<String> beneath = beneathSymlink(parts, symlinks);
        if (beneath.isPresent()) {
            return Optional.of("lies beneath the archive's symlink \"" + beneath.get() + "\" and would be written "
                    + "through it");
        }
        if (parts.isEmpty() && m.type() != 'd') {
            return Optional.of("would replace the release's root directory");
        }
        return switch (m.type()) {
            case '-', 'd', 'p', 'C', 'S' -> Optional.empty();
            case 'l' -> escapes(parts, m.target(), symlinks)
                    ? Optional.of("is a symlink to \"" + m.target() + "\", which leaves the release's root")
                    : Optional.empty();
            case 'h' -> hardLink(m.target(), symlinks, earlier);
            case 'c', 'b' -> root ? Optional.empty()
                    : Optional.of("is a device node, which only root may extract");
            default -> Optional.of("has tar type '" + m.type() + "', which a release root may not contain");
        };
    }

    private static Optional<String> hardLink(String target, Map<String, String> symlinks, Set<String> earlier) {
        List<String> parts = target == null || target.startsWith("/") ? null : parts(target);
        if (parts == null || parts.isEmpty() || beneathSymlink(parts, symlinks).isPresent()
                || !earlier.contains(String.join("/", parts))) {
            return Optional.of("is a hard link to \"" + target + "\", which is not an earlier file of the archive");
        }
        return Optional.empty();
    }

    /** The first proper prefix of {@code parts} that is a symlink of the archive. */
    private static Optional<String> beneathSymlink(List<String> parts, Map<String, String> symlinks) {
        for (int i = 1; i < parts.size(); i++) {
            String prefix = String.join("/", parts.subList(0, i));
            if (symlinks.containsKey(prefix)) {
                return Optional.of(prefix);
            }
        }
        return Optional.empty();
    }

    /**
     * True when following {@code target} from the link's directory (or from the root, when absolute) climbs above
     * the root at any point, following the archive's own symlinks on the way. A loop is not an escape.
     */
    static boolean escapes(List<String> link, String target, Map<String, String> symlinks) {
        if (target == null) {
            return true;
        }
        Deque<String> at = new ArrayDeque<>(link.subList(0, Math.max(0, link.size() - 1)));
        Deque<String> todo = new ArrayDeque<>();
        int hops = 0;
        push(todo, target, at);
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.equals("..")) {
                if (at.isEmpty()) {
                    return true;
                }
                at.removeLast();
                continue;
            }
            at.addLast(part);
            String next = symlinks.get(String.join("/", at));
            if (next != null) {
                if (++hops > MAX_HOPS) {
                    return false;
                }
                at.removeLast();
                push(todo, next, at);
            }
        }
        return false;
    }

    /** Queues the components of {@code target} in front of what is left; an absolute one restarts at the root. */
    private static void push(Deque<String> todo, String target, Deque<String> at) {
        if (target.startsWith("/")) {
            at.clear();
        }
        List<String> parts = new ArrayList<>();
        for (String p : target.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            todo.push(parts.get(i));
        }
    }

    /** The name's components without '.' and empty ones; null when one is '..'. */
    private static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.equals("..")) {
                return null;
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }
}
