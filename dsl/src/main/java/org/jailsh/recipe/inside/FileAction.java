package org.jailsh.recipe.inside;

import java.util.List;

import org.jailsh.spi.ValidationException;

/**
 * {@code file '/etc/motd', content: '…'} (or {@code from:} a template of the recipe, rendered already): the whole
 * file, its mode (default 0644) and owner (default root). Compared with {@code cmp} against the wanted content on
 * stdin, written through stdin: file contents never appear in argv, plans or the log.
 */
final class FileAction implements GuestAction {

    private final String path;
    private final String content;
    private final String mode;
    private final String owner;
    private final boolean modeGiven;
    private final boolean ownerGiven;

    FileAction(String path, String content, String mode, String owner) {
        GuestPaths.check("file", path, "e.g. file '/etc/motd', content: 'hello'");
        if (mode != null && !mode.matches("0?[0-7]{3,4}")) {
            throw new ValidationException("file " + path + ": mode '" + mode + "' is not octal", "e.g. mode: '0640'");
        }
        if (owner != null && !owner.matches("[a-z_0-9][a-z0-9_.-]*(:[a-z_0-9][a-z0-9_.-]*)?")) {
            throw new ValidationException("file " + path + ": owner '" + owner + "' is not USER or USER:GROUP",
                    "e.g. owner: 'root:wheel'");
        }
        this.path = path;
        this.content = content == null ? "" : content;
        this.modeGiven = mode != null;
        this.ownerGiven = owner != null;
        this.mode = mode == null ? "0644" : (mode.length() == 3 ? "0" + mode : mode);
        this.owner = owner == null ? "0:0" : owner;
    }

    @Override
    public String title() {
        long lines = content.lines().count();
        return "file " + path + " (" + lines + " line" + (lines == 1 ? "" : "s") + (modeGiven ? ", mode " + mode : "")
                + (ownerGiven ? ", owner " + owner : "") + ")";
    }

    @Override
    public String mark() {
        return "~";
    }

    @Override
    public String condition() {
        return "unless the content is the same";
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        if (!guest.run(GuestScripts.sh(GuestScripts.SAME, "same", path), content).ok()) {
            return Check.needed("content differs or missing");
        }
        if (!modeGiven && !ownerGiven) {
            return Check.ok();
        }
        List<String> stat = os == GuestOs.FREEBSD ? List.of("stat", "-f", "%Lp %Su:%Sg %u:%g", path)
                : List.of("stat", "-c", "%a %U:%G %u:%g", path);
        String[] found = guest.run(stat, null).stdout().strip().split(" ");
        if (found.length < 3) {
            return Check.needed("cannot stat");
        }
        boolean modeOk = !modeGiven || Integer.parseInt(found[0], 8) == Integer.parseInt(mode, 8);
        boolean ownerOk = !ownerGiven || matches(owner, found[1]) || matches(owner, found[2]);
        return modeOk && ownerOk ? Check.ok() : Check.needed((modeOk ? "" : "mode " + found[0] + " ")
                + (ownerOk ? "" : "owner " + found[1]).trim());
    }

    private static boolean matches(String wanted, String found) {
        return wanted.contains(":") ? wanted.equals(found) : found.startsWith(wanted + ":");
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        guest.check(title(), GuestScripts.sh(GuestScripts.WRITE, "write", path, mode, owner), content);
    }
}
