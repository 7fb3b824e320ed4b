package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.ValidationException;

/** {@code pkg 'openssh-server', 'sudo'}: {@code pkg install} on FreeBSD, {@code apt-get install} on Debian. */
final class PackageAction implements GuestAction {

    private final List<String> names;
    private List<String> missing;

    PackageAction(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public String title() {
        return "pkg " + String.join(" ", names);
    }

    @Override
    public String mark() {
        return "+";
    }

    @Override
    public String condition() {
        return "unless installed";
    }

    @Override
    public void validate(GuestOs os, String jail) {
        if (os == GuestOs.BUSYBOX) {
            throw new ValidationException(jail + ": no package manager in busybox releases, so pkg "
                    + String.join(" ", names) + " cannot work there",
                    "use a Debian release for the jail (release 'debian-12'), or drop the pkg line");
        }
        if (os == GuestOs.LINUX) {
            throw new ValidationException(jail + ": no package manager jailsh knows in this jail (not Debian)",
                    "install " + String.join(" ", names) + " with exec, or use a Debian release");
        }
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        missing = new ArrayList<>();
        if (os == GuestOs.FREEBSD) {
            for (String name : names) {
                if (!guest.run(List.of("pkg", "info", "-e", name), null).ok()) {
                    missing.add(name);
                }
            }
        } else {
            List<String> argv = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\\n"));
            argv.addAll(names);
            List<String> installed = guest.run(argv, null).stdout().lines()
                    .filter(l -> l.endsWith(" installed")).map(l -> l.substring(0, l.indexOf(' '))
                            .replaceFirst(":.*", "")).toList();
            names.stream().filter(n -> !installed.contains(n)).forEach(missing::add);
        }
        return missing.isEmpty() ? Check.ok() : Check.needed("not installed: " + String.join(" ", missing));
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        List<String> todo = missing == null ? names : missing;
        if (os == GuestOs.FREEBSD) {
            List<String> argv = new ArrayList<>(List.of("env", "ASSUME_ALWAYS_YES=yes", "pkg", "install", "-y"));
            argv.addAll(todo);
            guest.check(title(), argv, null);
        } else {
            guest.check(title(), GuestScripts.sh(GuestScripts.APT, "apt-install", todo), null);
        }
    }
}
