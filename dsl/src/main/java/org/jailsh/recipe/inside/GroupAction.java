package org.jailsh.recipe.inside;

import java.util.List;
import java.util.Optional;

import org.jailsh.spi.ValidationException;

/** {@code group 'media', gid: 8675309}: {@code pw groupadd}, {@code groupadd}, or a line in a busybox /etc/group. */
final class GroupAction implements GuestAction {

    private final String name;
    private final Long gid;
    private Accounts accounts;

    GroupAction(String name, Long gid) {
        this.name = AccountNames.check("group", name);
        this.gid = gid;
    }

    @Override
    public String title() {
        return "group " + name + (gid == null ? "" : " (gid " + gid + ")");
    }

    @Override
    public String mark() {
        return "+";
    }

    @Override
    public String condition() {
        return "unless it exists";
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        accounts = Accounts.read(guest);
        Optional<Accounts.Group> found = accounts.group(name);
        if (found.isEmpty()) {
            if (gid != null && accounts.gidTaken(gid)) {
                throw new ValidationException(guest.jail() + ": gid " + gid + " is taken by another group",
                        "choose another gid for group " + name);
            }
            return Check.needed("missing");
        }
        if (gid != null && found.get().gid() != gid) {
            throw new ValidationException(guest.jail() + ": group " + name + " exists with gid " + found.get().gid()
                    + ", not " + gid, "change it by hand in the jail, or give gid: " + found.get().gid());
        }
        return Check.ok();
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        guest.check(title(), command(os, guest.planned()), null);
    }

    private List<String> command(GuestOs os, boolean planned) {
        String id = gid != null ? gid.toString() : planned || accounts == null ? "NEXT" : Long.toString(
                accounts.nextFreeGid());
        return switch (os) {
            case FREEBSD -> gid == null ? List.of("pw", "groupadd", name) : List.of("pw", "groupadd", name, "-g", id);
            case DEBIAN, LINUX -> gid == null ? List.of("groupadd", name) : List.of("groupadd", "-g", id, name);
            case BUSYBOX -> GuestScripts.sh(GuestScripts.ADDGROUP, "addgroup", name, id);
        };
    }
}
