package org.jailsh.recipe.inside;

import java.util.List;

import org.jailsh.spi.ValidationException;

/**
 * {@code dir '/media', owner: 'media:media', mode: '2775'}: a directory with its owner and mode, made or fixed only
 * when {@code stat} says otherwise. On a mount point this sets the host directory's owner, as the seed asks of shared
 * storage.
 */
final class DirAction implements GuestAction {

    private final String path;
    private final String owner;
    private final String mode;

    DirAction(String path, String owner, String mode) {
        GuestPaths.check("dir", path, "e.g. dir '/media', owner: 'media:media'");
        if (mode != null && !mode.matches("0?[0-7]{3,4}")) {
            throw new ValidationException("dir " + path + ": mode '" + mode + "' is not octal", "e.g. mode: '2775'");
        }
        if (owner != null && !owner.matches("[a-z_0-9][a-z0-9_.-]*(:[a-z_0-9][a-z0-9_.-]*)?")) {
            throw new ValidationException("dir " + path + ": owner '" + owner + "' is not USER or USER:GROUP",
                    "e.g. owner: 'media:media'");
        }
        this.path = path;
        this.owner = owner;
        this.mode = mode;
    }

    @Override
    public String title() {
        return "dir " + path + (owner == null ? "" : " (owner " + owner) + (mode == null ? "" : (owner == null ? " ("
                : ", ") + "mode " + mode) + (owner == null && mode == null ? "" : ")");
    }

    @Override
    public String mark() {
        return "~";
    }

    @Override
    public String condition() {
        return "unless it is so already";
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        List<String> stat = os == GuestOs.FREEBSD ? List.of("stat", "-f", "%HT %Lp %Su:%Sg", path)
                : List.of("stat", "-c", "%F %a %U:%G", path);
        var result = guest.run(stat, null);
        if (!result.ok()) {
            return Check.needed("missing");
        }
        String found = result.stdout().strip();
        if (!found.startsWith("directory") && !found.startsWith("Directory")) {
            throw new ValidationException(guest.jail() + ": " + path + " exists and is not a directory",
                    "remove it, or choose another path");
        }
        String[] words = found.split(" ");
        String foundMode = words[words.length - 2];
        String foundOwner = words[words.length - 1];
        boolean modeOk = mode == null || Integer.parseInt(foundMode, 8) == Integer.parseInt(mode, 8);
        boolean ownerOk = owner == null || (owner.contains(":") ? owner.equals(foundOwner)
                : foundOwner.startsWith(owner + ":"));
        return modeOk && ownerOk ? Check.ok() : Check.needed(((ownerOk ? "" : "owner " + foundOwner + " ")
                + (modeOk ? "" : "mode " + foundMode)).trim());
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        guest.check(title(), List.of("mkdir", "-p", path), null);
        if (owner != null) {
            guest.check(title(), List.of("chown", owner, path), null);
        }
        if (mode != null) {
            guest.check(title(), List.of("chmod", mode, path), null);
        }
    }
}
