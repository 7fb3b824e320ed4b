package org.jailsh.recipe.inside;

import java.util.List;
import java.util.Set;

import org.jailsh.spi.ValidationException;

/**
 * {@code service 'sshd', 'start'}: FreeBSD's {@code service}, a Linux jail's /etc/init.d script. {@code start} and
 * {@code stop} look at {@code status} first; {@code restart} and {@code reload} run only when an earlier verb of the
 * same {@code inside} block changed something, so a second run leaves a running service alone.
 */
final class ServiceAction implements GuestAction {

    static final Set<String> ACTIONS = Set.of("start", "stop", "restart", "reload");

    private final String name;
    private final String action;

    ServiceAction(String name, String action) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.@-]*")) {
            throw new ValidationException("'" + name + "' is not a service name", "e.g. service 'sshd', 'start'");
        }
        if (!ACTIONS.contains(action)) {
            throw new ValidationException("service " + name + ": '" + action + "' is not an action jailsh knows",
                    "use one of: start, stop, restart, reload");
        }
        this.name = name;
        this.action = action;
    }

    @Override
    public String title() {
        return "service " + name + " " + action;
    }

    @Override
    public String mark() {
        return ">";
    }

    @Override
    public String condition() {
        return switch (action) {
            case "start" -> "unless running";
            case "stop" -> "if running";
            default -> "if anything above changed";
        };
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        if (action.equals("restart") || action.equals("reload")) {
            return changedBefore ? Check.needed("something above changed") : Check.ok();
        }
        boolean running = guest.run(command(os, "status"), null).ok();
        if (action.equals("start")) {
            return running ? Check.ok() : Check.needed("not running");
        }
        return running ? Check.needed("running") : Check.ok();
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        guest.check(title(), command(os, action), null);
    }

    private List<String> command(GuestOs os, String what) {
        String service = os.serviceName(name);
        if (os == GuestOs.FREEBSD) {
            return List.of("service", service, what);
        }
        return GuestScripts.sh(GuestScripts.SERVICE, "service", service, what);
    }
}
