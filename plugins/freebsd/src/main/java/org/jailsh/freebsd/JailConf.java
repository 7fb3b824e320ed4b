package org.jailsh.freebsd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jailsh.spi.JailRef;
import org.jailsh.spi.ValidationException;

/**
 * The jail(8) parameter file {@code /var/run/jail.ioc-NAME.conf}, parameters in the order iocage.md §4.3.1 writes
 * them. Values are always double-quoted with {@code \ " $} escaped (jail.conf expands {@code $} in double quotes), and
 * a value with a control character — a newline above all — is refused rather than written.
 */
final class JailConf {

    /** The yes/no properties written (as {@code = "1"}) only when enabled, in iocage's order; host ≥ 12 for some. */
    private static final List<String[]> FLAGS = List.of(
            new String[] {"mount_fdescfs", "mount.fdescfs"}, new String[] {"allow_mlock", "allow.mlock"},
            new String[] {"allow_mount_tmpfs", "allow.mount.tmpfs"},
            new String[] {"allow_mount_fdescfs", "allow.mount.fdescfs"},
            new String[] {"allow_mount_fusefs", "allow.mount.fusefs"}, new String[] {"allow_vmm", "allow.vmm"},
            new String[] {"allow_set_hostname", "allow.set_hostname"}, new String[] {"mount_devfs", "mount.devfs"},
            new String[] {"allow_raw_sockets", "allow.raw_sockets"}, new String[] {"allow_sysvipc", "allow.sysvipc"},
            new String[] {"allow_quotas", "allow.quotas"}, new String[] {"allow_socket_af", "allow.socket_af"},
            new String[] {"allow_chflags", "allow.chflags"}, new String[] {"allow_mount", "allow.mount"},
            new String[] {"allow_mount_devfs", "allow.mount.devfs"},
            new String[] {"allow_mount_nullfs", "allow.mount.nullfs"},
            new String[] {"allow_mount_procfs", "allow.mount.procfs"},
            new String[] {"allow_mount_linprocfs", "allow.mount.linprocfs"},
            new String[] {"allow_mount_zfs", "allow.mount.zfs"});
    private static final List<String> SINCE_12 = List.of("allow.mlock", "allow.mount.fusefs", "allow.vmm",
            "exec.created");

    private record Param(String name, String operator, String value) {
    }

    private final JailRef jail;
    private final List<Param> params = new ArrayList<>();

    private JailConf(JailRef jail) {
        this.jail = jail;
    }

    /**
     * @param addresses   shared-IP entries for {@code ip4.addr} / {@code ip6.addr} ({@code iface|addr/mask}); unused
     *                    for VNET jails
     * @param devfsRuleset the ruleset made for this start
     * @param hostMajor   the host's major version (99 when unknown), for iocage's version gates
     */
    static JailConf of(JailRef jail, Path iocroot, List<String> ip4, List<String> ip6, String devfsRuleset,
                       int hostMajor) {
        JailConf conf = new JailConf(jail);
        if (jail.flag("vnet")) {
            conf.bare("vnet");
            String moved = jail.property("vnet_interfaces");
            for (String nic : moved.equals("none") ? List.<String>of() : Jexec.split(moved)) {
                conf.add("vnet.interface", "+=", nic);
            }
        } else {
            ip4.forEach(a -> conf.add("ip4.addr", "+=", a));
            ip6.forEach(a -> conf.add("ip6.addr", "+=", a));
            conf.set("ip4.saddrsel", jail.property("ip4_saddrsel"));
            conf.set("ip4", ipMode(jail.property("ip4")));
            conf.set("ip6.saddrsel", jail.property("ip6_saddrsel"));
            conf.set("ip6", ipMode(jail.property("ip6")));
        }
        for (String[] flag : FLAGS) {
            if (jail.flag(flag[0]) && (hostMajor >= 12 || !SINCE_12.contains(flag[1]))) {
                conf.set(flag[1], "1");
            }
        }
        conf.set("sysvmsg", jail.property("sysvmsg"));
        conf.set("sysvsem", jail.property("sysvsem"));
        conf.set("sysvshm", jail.property("sysvshm"));
        if (hostMajor >= 12) {
            conf.set("exec.created", jail.property("exec_created"));
        }
        conf.set("host.domainname", jail.property("host_domainname"));
        conf.set("host.hostname", jail.property("host_hostname"));
        conf.set("path", jail.root().toString());
        conf.set("securelevel", jail.property("securelevel"));
        conf.set("host.hostuuid", jail.property("host_hostuuid"));
        conf.set("devfs_ruleset", devfsRuleset);
        conf.set("enforce_statfs", jail.property("enforce_statfs"));
        conf.set("children.max", jail.property("children_max"));
        conf.set("exec.clean", jail.property("exec_clean"));
        conf.set("exec.timeout", jail.property("exec_timeout"));
        conf.set("stop.timeout", jail.property("stop_timeout"));
        conf.set("mount.fstab", jail.dir().resolve("fstab").toString());
        conf.bare("allow.dying");
        conf.set("exec.consolelog", iocroot.resolve("log").resolve(jail.hostName() + "-console.log").toString());
        if (jail.flag("ip_hostname")) {
            conf.bare("ip_hostname");
        }
        conf.bare("persist");
        return conf;
    }

    /** iocage rewrites "none" to "disable" for {@code ip4}/{@code ip6} (§2.2). */
    private static String ipMode(String value) {
        return value.equals("none") ? "disable" : value;
    }

    private void set(String name, String value) {
        add(name, "=", value);
    }

    private void add(String name, String operator, String value) {
        params.add(new Param(name, operator, quote(value, name)));
    }

    private void bare(String name) {
        params.add(new Param(name, null, null));
    }

    String render() {
        StringBuilder out = new StringBuilder(quote(jail.hostName(), "name")).append(" {\n");
        for (Param p : params) {
            out.append('\t').append(p.name());
            if (p.operator() != null) {
                out.append(' ').append(p.operator()).append(' ').append(p.value());
            }
            out.append(";\n");
        }
        return out.append("}\n").toString();
    }

    /** A jail.conf string: double quotes, with {@code \ " $} escaped; control characters are refused. */
    String quote(String value, String param) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new ValidationException(jail.name() + ": the value of " + param + " contains a control "
                        + "character (" + (c == '\n' ? "a newline" : String.format("0x%02x", (int) c)) + ")",
                        "jail.conf cannot hold it; set the property to a single-line value");
            }
            if (c == '\\' || c == '"' || c == '$') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
