package org.jailsh.model;

import static org.jailsh.model.PropertyType.FLAG;
import static org.jailsh.model.PropertyType.TEXT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jailsh.spi.ValidationException;

/**
 * The full iocage property table (CONFIG_VERSION 29): defaults, on-disk types and rules. The one place that knows
 * which properties exist; {@code set}, {@code get}, completion and help all read it.
 */
public final class IocageProperties {

    public static final String CONFIG_VERSION = "29";
    public static final List<String> RCTL = List.of("memoryuse", "memorylocked", "vmemoryuse", "maxproc", "cputime",
            "pcpu", "datasize", "stacksize", "coredumpsize", "openfiles", "pseudoterminals", "swapuse", "nthr",
            "msgqqueued", "msgqsize", "nmsgq", "nsem", "nsemop", "nshm", "shmsize", "wallclock", "readbps",
            "writebps", "readiops", "writeiops");

    private static final Map<String, Property> ALL = build();

    private IocageProperties() {
    }

    public static Map<String, Property> all() {
        return ALL;
    }

    public static Optional<Property> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** The property, or a ValidationException naming the nearest known ones. */
    public static Property require(String name) {
        Property p = ALL.get(name);
        if (p == null) {
            List<String> near = nearest(name, 3);
            throw new ValidationException("'" + ValueChecks.printable(name) + "' is not a valid property",
                    near.isEmpty() ? "see 'get all NAME' or docs/properties.md for the list" : "did you mean " + String.join(", ", near) + "?");
        }
        return p;
    }

    /** The defaults iocage writes into defaults.json (jail-only keys excluded), sorted like iocage's file. */
    public static Map<String, Object> builtInDefaults(String macPrefix, String hostid) {
        Map<String, Object> defaults = new TreeMap<>();
        for (Property p : ALL.values()) {
            if (!p.jailOnly()) {
                defaults.put(p.name(), p.defaultValue());
            }
        }
        defaults.put("mac_prefix", macPrefix);
        defaults.put("hostid", hostid);
        return defaults;
    }

    public static List<String> nearest(String name, int count) {
        return ALL.keySet().stream()
                .map(k -> Map.entry(k, Levenshtein.distance(name.toLowerCase(java.util.Locale.ROOT), k)))
                .filter(e -> e.getValue() <= Math.max(2, name.length() / 3) || e.getKey().contains(name))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(count).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Property> build() {
        Table t = new Table();
        t.text("CONFIG_VERSION", CONFIG_VERSION, ValueChecks.text()).readOnly();
        t.text("CONFIG_TYPE", "THIN", ValueChecks.oneOf("THIN", "THICK")).readOnly().jailOnly();
        t.text("host_hostname", "NAME", ValueChecks.hostname()).jailOnly();
        t.text("host_hostuuid", "NAME", ValueChecks.text()).readOnly().jailOnly();
        t.text("release", "none", ValueChecks.text()).readOnly().jailOnly();
        t.text("cloned_release", "none", ValueChecks.text()).readOnly().jailOnly();
        t.text("source_template", "none", ValueChecks.text()).readOnly().jailOnly();
        t.text("jail_zfs_dataset", "iocage/jails/NAME/data", ValueChecks.text()).jailOnly().needsStop();
        t.text("interfaces", "vnet0:bridge0", ValueChecks.interfaces()).needsStop();
        t.text("host_domainname", "none", ValueChecks.text());
        t.text("exec_fib", "0", ValueChecks.integer(0, 65535));
        // the seed edits a jail's addresses only while it is down, and neither runtime applies them live
        t.text("ip4_addr", "none", ValueChecks.addresses(false)).needsStop();
        t.text("ip6_addr", "none", ValueChecks.addresses(true)).needsStop();
        t.flag("ip4_saddrsel", 1);
        t.flag("ip6_saddrsel", 1);
        t.text("ip4", "new", ValueChecks.oneOf("new", "inherit", "disable"));
        t.text("ip6", "new", ValueChecks.oneOf("new", "inherit", "disable"));
        t.text("defaultrouter", "auto", ValueChecks.router(false)).needsStop();
        t.text("defaultrouter6", "auto", ValueChecks.router(true)).needsStop();
        t.text("resolver", "/etc/resolv.conf", ValueChecks.text());
        t.text("mac_prefix", "02ff60", ValueChecks.macPrefix());
        for (int i = 0; i < 4; i++) {
            t.text("vnet" + i + "_mac", "none", ValueChecks.macPair()).needsStop();
            t.text("vnet" + i + "_mtu", "auto", ValueChecks.mtu(true));
        }
        t.text("vnet_default_mtu", "1500", ValueChecks.mtu(false));
        t.text("vnet_default_interface", "auto", ValueChecks.text());
        t.text("vnet_interfaces", "none", ValueChecks.text()).needsStop();
        t.text("devfs_ruleset", "4", ValueChecks.integer(0, 65535));
        t.text("min_dyn_devfs_ruleset", "1000", ValueChecks.integer(0, 65535));
        t.text("exec_start", "/bin/sh /etc/rc", ValueChecks.text());
        t.text("exec_stop", "/bin/sh /etc/rc.shutdown", ValueChecks.text());
        for (String hook : List.of("exec_prestart", "exec_poststart", "exec_prestop", "exec_poststop",
                "exec_created")) {
            t.text(hook, "/usr/bin/true", ValueChecks.text());
        }
        t.flag("exec_clean", 1);
        t.text("exec_timeout", "60", ValueChecks.integer(0, 86400));
        t.text("stop_timeout", "30", ValueChecks.integer(0, 86400));
        t.text("exec_jail_user", "root", ValueChecks.text());
        t.text("exec_system_jail_user", "0", ValueChecks.text());
        t.text("exec_system_user", "root", ValueChecks.text());
        t.flag("mount_devfs", 1);
        t.flag("mount_fdescfs", 1);
        t.flag("mount_procfs", 0);
        t.flag("mount_linprocfs", 0);
        t.text("enforce_statfs", "2", ValueChecks.oneOf("0", "1", "2"));
        t.text("children_max", "0", ValueChecks.integer(0, 65535));
        t.text("login_flags", "-f root", ValueChecks.text());
        t.text("securelevel", "2", ValueChecks.integer(-1, 3));
        for (String ipc : List.of("sysvmsg", "sysvsem", "sysvshm")) {
            t.text(ipc, "new", ValueChecks.oneOf("new", "inherit", "disable"));
        }
        t.flag("allow_set_hostname", 1);
        for (String allow : List.of("allow_sysvipc", "allow_raw_sockets", "allow_chflags", "allow_mlock",
                "allow_mount", "allow_mount_devfs", "allow_mount_fdescfs", "allow_mount_fusefs",
                "allow_mount_nullfs", "allow_mount_procfs", "allow_mount_tmpfs", "allow_mount_zfs", "allow_quotas",
                "allow_socket_af", "allow_vmm", "allow_mount_linprocfs", "allow_tun")) {
            t.flag(allow, 0);
        }
        t.text("cpuset", "off", ValueChecks.cpuset());
        t.text("rlimits", "off", ValueChecks.text());
        for (String limit : RCTL) {
            t.text(limit, "off", ValueChecks.rctl());
        }
        t.text("type", "jail", ValueChecks.oneOf("jail", "pluginv2", "template", "plugin", "clonejail",
                "basejail")).readOnly();
        t.flag("bpf", 0).needsStop();
        t.flag("dhcp", 0).needsStop();
        t.flag("boot", 0);
        t.text("notes", "none", ValueChecks.text());
        t.text("owner", "root", ValueChecks.text());
        t.text("comment", "none", ValueChecks.text());
        t.text("priority", "99", ValueChecks.integer(0, 99));
        t.text("last_started", "none", ValueChecks.text()).readOnly();
        t.flag("template", 0).needsStop();
        t.text("hostid", null, ValueChecks.text());
        t.flag("hostid_strict_check", 0);
        t.flag("jail_zfs", 0).needsStop();
        t.text("jail_zfs_mountpoint", "none", ValueChecks.text()).needsStop();
        t.text("count", "1", ValueChecks.text()).readOnly();
        t.flag("vnet", 0).needsStop();
        t.flag("basejail", 0).readOnly();
        t.flag("host_time", 1);
        for (String sync : List.of("sync_state", "sync_target", "sync_tgt_zpool")) {
            t.text(sync, "none", ValueChecks.text()).readOnly();
        }
        t.text("compression", "lz4", ValueChecks.text());
        t.text("quota", "none", ValueChecks.quota());
        t.text("dedup", "off", ValueChecks.oneOf("on", "off", "verify", "sha256"));
        t.text("reservation", "none", ValueChecks.quota());
        for (String zfsReadOnly : List.of("origin", "mountpoint", "compressratio", "available", "used")) {
            t.text(zfsReadOnly, "readonly", ValueChecks.text()).readOnly();
        }
        t.text("depends", "none", ValueChecks.jailList());
        t.flag("rtsold", 0);
        t.flag("ip_hostname", 0);
        t.flag("assign_localhost", 0);
        t.text("localhost_ip", "none", ValueChecks.ipv4OrNone());
        t.flag("nat", 0).needsStop();
        t.text("nat_prefix", "172.16", ValueChecks.natPrefix()).defaultsOnly();
        t.text("nat_interface", "none", ValueChecks.text()).defaultsOnly();
        t.text("nat_backend", "ipfw", ValueChecks.oneOf("ipfw", "pf")).defaultsOnly();
        t.text("nat_forwards", "none", ValueChecks.natForwards());
        t.text("plugin_name", "none", ValueChecks.text());
        t.text("plugin_repository", "none", ValueChecks.text());
        // jailsh's own: which recipes configured the jail, NAME@sha256:HEX[,…]; iocage ignores unknown keys
        t.text("jailsh_recipe", "none", ValueChecks.text()).readOnly().jailOnly();
        return t.done();
    }

    /** Builds the table with one short line per property. */
    private static final class Table {
        private final List<Row> rows = new ArrayList<>();

        Row flag(String name, int value) {
            return add(new Row(name, FLAG, value, ValueChecks.flag()));
        }

        Row text(String name, String value, ValueCheck check) {
            return add(new Row(name, TEXT, value, check));
        }

        private Row add(Row row) {
            rows.add(row);
            return row;
        }

        Map<String, Property> done() {
            Map<String, Property> map = new LinkedHashMap<>();
            rows.stream().sorted(Comparator.comparing(r -> r.name)).forEach(r -> map.put(r.name, r.toProperty()));
            return java.util.Collections.unmodifiableMap(map);
        }
    }

    private static final class Row {
        final String name;
        final PropertyType type;
        final Object value;
        final ValueCheck check;
        boolean readOnly;
        boolean needsStop;
        boolean jailOnly;
        boolean defaultsOnly;

        Row(String name, PropertyType type, Object value, ValueCheck check) {
            this.name = name;
            this.type = type;
            this.value = value;
            this.check = check;
        }

        Row readOnly() {
            readOnly = true;
            return this;
        }

        Row needsStop() {
            needsStop = true;
            return this;
        }

        Row jailOnly() {
            jailOnly = true;
            return this;
        }

        Row defaultsOnly() {
            defaultsOnly = true;
            return this;
        }

        Property toProperty() {
            return new Property(name, type, value, !readOnly, needsStop, jailOnly, defaultsOnly, check, "");
        }
    }
}
