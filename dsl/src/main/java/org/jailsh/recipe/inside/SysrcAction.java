package org.jailsh.recipe.inside;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code sysrc sshd_enable: 'YES'}: FreeBSD's {@code sysrc}. On Linux the same keys go into the jail's /etc/rc.conf
 * (jailsh-managed, FreeBSD's format), and {@code /etc/rc.d/50-rc.conf.start} starts every {@code NAME_enable="YES"}
 * service when the jail starts; a jail without /etc/rc (Debian) gets the busybox release's.
 */
final class SysrcAction implements GuestAction {

    private final Map<String, String> values;
    private Map<String, String> differing;
    private RcConf current;
    private boolean hooksReady;

    SysrcAction(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    @Override
    public String title() {
        return "sysrc " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    @Override
    public String mark() {
        return "~";
    }

    @Override
    public String condition() {
        return "unless already set";
    }

    @Override
    public Check check(GuestOs os, Guest guest, boolean changedBefore) {
        differing = new LinkedHashMap<>();
        if (os == GuestOs.FREEBSD) {
            values.forEach((key, value) -> {
                var result = guest.run(List.of("sysrc", "-n", key), null);
                if (!result.ok() || !result.stdout().strip().equals(value)) {
                    differing.put(key, value);
                }
            });
            return differing.isEmpty() ? Check.ok() : Check.needed("differs: " + String.join(", ", differing.keySet()));
        }
        current = RcConf.parse(guest.run(List.of("cat", RcConf.PATH), null).stdout());
        Map<String, String> now = current.values();
        values.forEach((key, value) -> {
            if (!value.equals(now.get(key))) {
                differing.put(key, value);
            }
        });
        hooksReady = guest.run(GuestScripts.sh(GuestScripts.RC_READY, "rc-ready"), null).ok()
                && guest.run(GuestScripts.sh(GuestScripts.SAME, "same", GuestScripts.RC_CONF_HOOK),
                        GuestScripts.RC_CONF_START).ok();
        if (differing.isEmpty() && hooksReady) {
            return Check.ok();
        }
        return Check.needed(differing.isEmpty() ? "boot hook missing" : "differs: " + String.join(", ",
                differing.keySet()));
    }

    @Override
    public void apply(GuestOs os, Guest guest) {
        Map<String, String> todo = differing == null ? values : differing;
        if (os == GuestOs.FREEBSD) {
            List<String> argv = new ArrayList<>(List.of("sysrc"));
            todo.forEach((key, value) -> argv.add(key + "=" + value));
            guest.check(title(), argv, null);
            return;
        }
        if (!todo.isEmpty()) {
            RcConf conf = current == null ? RcConf.parse("") : current;
            guest.check(title(), GuestScripts.sh(GuestScripts.WRITE, "write", RcConf.PATH, "0644", "0:0"),
                    conf.with(todo));
        }
        if (!hooksReady) {
            if (!guest.planned() && !guest.run(GuestScripts.sh(GuestScripts.RC_READY, "rc-ready"), null).ok()) {
                write(guest, "/etc/rc", GuestScripts.RC);
                write(guest, "/etc/rc.shutdown", GuestScripts.RC_SHUTDOWN);
            }
            write(guest, GuestScripts.RC_CONF_HOOK, GuestScripts.RC_CONF_START);
        }
    }

    private void write(Guest guest, String path, String content) {
        guest.check("write " + path, GuestScripts.sh(GuestScripts.WRITE, "write", path, "0755", "0:0"), content);
    }
}
