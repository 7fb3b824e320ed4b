package org.jailsh.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;

/**
 * A recording FreeBSD 13.2 host (TrueNAS CORE-like: pool {@code tank}, NIC {@code em0} at 192.168.1.5/24, default
 * route via 192.168.1.1) whose answers follow what was done to it, so a whole jail life can run through the real core
 * and providers on Linux: after {@code zfs clone … POOL/iocage/jails/web/root} the scoped {@code zfs list} shows it;
 * after {@code jail -c} {@code jls} lists {@code ioc-web} with a JID; {@code ifconfig epair create} answers
 * {@code epair0a}, then {@code epair1a}; {@code freebsd-version} follows freebsd-update; pf anchors, devfs rulesets,
 * RCTL rules and mounts come and go.
 *
 * <p>Datasets below {@code iocroot} are real directories there (a spec's temporary IOCROOT), so what the core reads
 * and writes with java.nio is the datasets' content: clones get their snapshot's files, renames move directories,
 * rollbacks restore them. {@link #writeFile} writes below {@code iocroot} for real and keeps every other file
 * (/var/run/…) in memory. Nothing outside {@code iocroot} is ever changed, no symlink is ever made, and a command the
 * fake does not model fails (exit 127) so a spec notices it. {@link #answer} overrides a command by argv prefix (to
 * inject a failure); an overridden command changes nothing.
 */
public final class FreeBsdHostExec implements HostExec {

    public static final String GATEWAY = "192.168.1.1";
    public static final String HOST_ADDRESS = "192.168.1.5";

    /** {@code netstat -r -n --libxo json}: default routes via em0. */
    public static final String NETSTAT = """
            {"statistics": {"route-information": {"route-table": {"rt-family": [
             {"address-family": "Internet", "rt-entry": [
              {"destination": "default", "gateway": "192.168.1.1", "flags": "UGS", "interface-name": "em0", "expire": ""},
              {"destination": "127.0.0.1", "gateway": "link#2", "flags": "UHS", "interface-name": "lo0", "expire": ""}]},
             {"address-family": "Internet6", "rt-entry": [
              {"destination": "default", "gateway": "fe80::1%em0", "flags": "UGS", "interface-name": "em0", "expire": ""}]}
            ]}}}}""";

    /** The freebsd-update.conf of a release, as base.txz ships it. */
    public static final String FREEBSD_UPDATE_CONF = """
            KeyPrint 800651ef4b4c71c27e60786d7b487188970f4b4169cc055784e21eb71d410cc5
            ServerName update.FreeBSD.org
            Components src world kernel
            IgnorePaths
            IDSIgnorePaths /usr/share/man/cat
            UpdateIfUnmodified /etc/ /var/ /root/ /.cshrc /.profile
            MergeChanges /etc/ /boot/device.hints
            """;

    /** What base.txz, lib32.txz and src.txz hold in this fake: enough for the paths jailsh and iocage look at. */
    static final List<String> BASE_DIRS = List.of("bin", "boot", "dev", "etc", "lib", "libexec", "proc", "rescue",
            "root", "sbin", "tmp", "usr/bin", "usr/include", "usr/lib", "usr/libexec", "usr/sbin", "usr/share",
            "usr/libdata", "usr/local", "var/db/freebsd-update", "var/log", "var/run");

    private record Answer(List<String> prefix, Out out) {
    }

    private static final class Jail {
        final String name;
        final int jid;
        final Path path;
        final String hostname;
        final String devfsRuleset;
        final boolean vnet;
        final List<String> aliases = new ArrayList<>();
        final List<String> mounts = new ArrayList<>();
        final List<String> routes = new ArrayList<>();
        boolean booted;

        Jail(String name, int jid, Path path, String hostname, String devfsRuleset, boolean vnet) {
            this.name = name;
            this.jid = jid;
            this.path = path;
            this.hostname = hostname;
            this.devfsRuleset = devfsRuleset;
            this.vnet = vnet;
        }
    }

    private record Upgrade(String release, int passes) {
    }

    private final FakeDisk disk;
    private final FakeZfs zfs;
    private final FakeNet net = new FakeNet();
    private final List<Command> commands = new ArrayList<>();
    private final Map<Path, String> writes = new LinkedHashMap<>();
    private final Map<Path, String> memory = new LinkedHashMap<>();
    private final List<Answer> answers = new ArrayList<>();
    private final LinkedHashMap<String, Jail> jails = new LinkedHashMap<>();
    private final TreeMap<Integer, List<String>> rulesets = new TreeMap<>();
    /** Mount point and {@code TYPE SOURCE}, in mount order; FreeBSD stacks a mount over an earlier one. */
    private final List<String[]> mounts = new ArrayList<>();
    private final Map<String, String> anchors = new TreeMap<>();
    private final List<String> rctl = new ArrayList<>();
    private final Map<Path, String> staged = new LinkedHashMap<>();
    private final Map<Path, Upgrade> upgrades = new LinkedHashMap<>();
    private final Map<Path, List<String>> conflicts = new LinkedHashMap<>();
    private final Map<String, String> patchLevels = new LinkedHashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private String hostRelease = "13.2-RELEASE-p4";
    private boolean pfHooks = true;
    private int installPasses = 2;
    private int nextJid = 1;
    private int drained;

    /** A host with the pool {@code tank}; {@code iocroot} is the directory the datasets of tank/iocage map to. */
    public FreeBsdHostExec(Path iocroot) {
        this(iocroot, "tank");
    }

    public FreeBsdHostExec(Path iocroot, String pool) {
        this.disk = new FakeDisk(iocroot);
        this.zfs = new FakeZfs(disk, this::busy);
        zfs.addPool(pool, "/mnt/" + pool);
        for (int i = 1; i <= 4; i++) {
            rulesets.put(i, new ArrayList<>(List.of("100 hide")));
        }
        patchLevels.put("13.2-RELEASE", "13.2-RELEASE-p4");
    }

    // ---------------------------------------------------------------------------------------------- configuration

    /** The host's {@code uname -r} (default 13.2-RELEASE-p4). */
    public FreeBsdHostExec hostRelease(String release) {
        hostRelease = release;
        return this;
    }

    /** What freebsd-update brings {@code release} to (default 13.2-RELEASE → 13.2-RELEASE-p4; others stay). */
    public FreeBsdHostExec patchLevel(String release, String patched) {
        patchLevels.put(release, patched);
        return this;
    }

    /** Whether the host's pf.conf hooks jailsh's anchors ({@code pfctl -s nat} shows them). */
    public FreeBsdHostExec pfHooks(boolean hooked) {
        pfHooks = hooked;
        return this;
    }

    /** The files etcupdate reports as conflicts ({@code C}) for a root; an empty list clears them. */
    public FreeBsdHostExec conflicts(Path root, List<String> files) {
        conflicts.put(root.toAbsolutePath().normalize(), List.copyOf(files));
        return this;
    }

    /** Commands starting with {@code prefix} answer this instead of running on the model (nothing changes). */
    public FreeBsdHostExec answer(List<String> prefix, int exit, String stdout, String stderr) {
        answers.add(0, new Answer(List.copyOf(prefix), new Out(exit, stdout, stderr)));
        return this;
    }

    // ------------------------------------------------------------------------------------------------- inspection

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Every command as one display line. */
    public List<String> lines() {
        return commands.stream().map(Command::display).toList();
    }

    /** The lines since the last drain: one step's commands. */
    public List<String> drain() {
        List<String> lines = lines().subList(drained, commands.size());
        drained = commands.size();
        return List.copyOf(lines);
    }

    /** Every file written through {@link #writeFile}, last content per path. */
    public Map<Path, String> writes() {
        return Map.copyOf(writes);
    }

    /** A file of the host: below IOCROOT from disk, elsewhere from memory; null when there is none. */
    public String file(Path path) {
        return read(path);
    }

    /** Every dataset, sorted by name. */
    public List<String> datasets() {
        return List.copyOf(zfs.table().keySet());
    }

    /** Every snapshot as {@code DATASET@NAME}. */
    public List<String> snapshots() {
        List<String> all = new ArrayList<>();
        zfs.table().forEach((name, d) -> d.snapshots.keySet().forEach(s -> all.add(name + "@" + s)));
        return all;
    }

    /** The value of a dataset property as {@code zfs get} shows it. */
    public String property(String dataset, String property) {
        Out out = zfs.zfs(List.of("get", "-H", "-o", "value", property, dataset));
        return out.stdout().strip();
    }

    /** Running jails: name → JID. */
    public Map<String, Integer> jails() {
        Map<String, Integer> running = new LinkedHashMap<>();
        jails.forEach((name, j) -> running.put(name, j.jid));
        return running;
    }

    /** What {@code ifconfig} shows on the host, or inside a running jail ({@code ioc-NAME}). */
    public String ifconfig(String jail) {
        return net.ifconfig(jail, List.of()).stdout();
    }

    /** Names of the host's interfaces. */
    public List<String> interfaces() {
        return net.in(null).stream().map(i -> i.name).toList();
    }

    /** Members of a bridge, in the order they were added. */
    public List<String> members(String bridge) {
        FakeNet.Iface b = net.find(null, bridge);
        return b == null ? List.of() : List.copyOf(b.members);
    }

    /** Default routes set inside a running jail. */
    public List<String> routes(String jail) {
        Jail j = jails.get(jail);
        return j == null ? List.of() : List.copyOf(j.routes);
    }

    /** Mounted file systems, in mount order: {@code MOUNTPOINT TYPE SOURCE}. */
    public List<String> mounts() {
        return mounts.stream().map(m -> m[0] + " " + m[1]).toList();
    }

    /** pf anchors with rules: anchor → rules. */
    public Map<String, String> anchors() {
        return Map.copyOf(anchors);
    }

    public Set<Integer> rulesets() {
        return Set.copyOf(rulesets.keySet());
    }

    public List<String> rctlRules() {
        return List.copyOf(rctl);
    }

    /** {@code USERLAND_VERSION} of {@code ROOT/bin/freebsd-version}, "" when there is none. */
    public String userland(Path root) {
        String text = read(root.resolve("bin/freebsd-version"));
        if (text == null) {
            return "";
        }
        Matcher m = Pattern.compile("(?m)^USERLAND_VERSION=\"([^\"]*)\"").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /**
     * What a real host would have refused or hidden: writes into a dataset after {@code readonly=on}, datasets
     * mounted over non-empty directories. Empty when everything jailsh did would also work on a real pool.
     */
    public List<String> problems() {
        Set<String> all = new LinkedHashSet<>(problems);
        all.addAll(zfs.problems());
        all.addAll(zfs.readonlyViolations());
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------------------------------------------- HostExec

    @Override
    public ExecResult run(Command command) {
        problems.addAll(zfs.readonlyViolations());
        commands.add(command);
        List<String> argv = command.argv();
        for (Answer answer : answers) {
            if (argv.size() >= answer.prefix().size() && argv.subList(0, answer.prefix().size())
                    .equals(answer.prefix())) {
                return result(command, answer.out());
            }
        }
        Out out;
        try {
            out = host(command, argv);
        } catch (RuntimeException e) {
            out = Out.fail(127, "fake host: " + command.display() + ": " + e);
        }
        if (out == null) {
            out = Out.fail(127, "fake host: no model for " + command.display());
        }
        return result(command, out);
    }

    private static ExecResult result(Command command, Out out) {
        return new ExecResult(command, out.exit(), out.stdout(), out.stderr());
    }

    @Override
    public void writeFile(Path path, String content) {
        Path p = path.toAbsolutePath().normalize();
        writes.put(p, content);
        if (disk.owns(p)) {
            String dataset = zfs.datasetAt(p);
            if (dataset != null && zfs.readonly(dataset)) {
                throw new UncheckedIOException(new IOException(p + ": Read-only file system (" + dataset
                        + " has readonly=on)"));
            }
            disk.write(p, content);
        } else {
            memory.put(p, content);
        }
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    // ---------------------------------------------------------------------------------------------------- commands

    private Out host(Command command, List<String> argv) {
        List<String> a = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "zpool" -> zfs.zpool(a);
            case "zfs" -> zfs.zfs(a);
            case "sh" -> a.size() == 5 && a.get(0).equals("-c") && a.get(1).equals(FakeZfs.SEND_RECEIVE)
                    ? zfs.sendReceive(a.get(3), a.get(4)) : null;
            case "uname" -> a.equals(List.of("-r")) ? Out.ok(hostRelease + "\n")
                    : a.equals(List.of("-m")) ? Out.ok("amd64\n") : null;
            case "freebsd-version" -> freebsdVersion(a);
            case "jls" -> jls(a);
            case "jail" -> jail(a);
            case "setfib" -> a.size() >= 2 && a.get(0).matches("\\d+") ? host(command, a.subList(1, a.size()))
                    : null;
            case "jexec" -> jexec(command, a);
            case "devfs" -> devfs(a);
            case "netstat" -> a.equals(List.of("-r", "-n", "--libxo", "json"))
                    || a.equals(List.of("-rn", "--libxo", "json")) ? Out.ok(NETSTAT) : null;
            case "ifconfig" -> hostIfconfig(a);
            case "pfctl" -> pfctl(a);
            case "rctl" -> rctl(a);
            case "sysctl", "kldload", "cpuset" -> Out.OK;
            case "sysrc" -> sysrc(a);
            case "cat" -> cat(a);
            case "grep" -> grep(a);
            case "test" -> test(a);
            case "tar" -> tar(a);
            case "mkdir" -> mkdir(a);
            case "rm" -> rm(a);
            case "ln", "cp" -> Out.OK;
            case "mount", "mount_nullfs" -> mount(argv);
            case "umount" -> umount(a);
            case "freebsd-update" -> freebsdUpdate(command, a);
            case "etcupdate" -> etcupdate(a);
            default -> null;
        };
    }

    // -------------------------------------------------------------------------------------------------- files

    private String read(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (disk.owns(p)) {
            return disk.read(p);
        }
        if (memory.containsKey(p)) {
            return memory.get(p);
        }
        return switch (p.toString()) {
            case "/etc/resolv.conf" -> "search example.lan\nnameserver " + GATEWAY + "\n";
            case "/etc/hostid" -> "5bd9a4a3-3f0e-11ee-9d3b-00a098123456\n";
            case "/etc/pf.conf" -> pfHooks ? "nat-anchor \"jailsh/*\"\nrdr-anchor \"jailsh/*\"\n" : "";
            default -> null;
        };
    }

    private Out cat(List<String> a) {
        if (a.size() != 1) {
            return null;
        }
        String text = read(Path.of(a.get(0)));
        return text == null ? Out.fail("cat: " + a.get(0) + ": No such file or directory") : Out.ok(text);
    }

    /** {@code grep [-q] [-m N] PATTERN FILE}. */
    private Out grep(List<String> a) {
        boolean quiet = false;
        int max = Integer.MAX_VALUE;
        int i = 0;
        for (; i < a.size() && a.get(i).startsWith("-"); i++) {
            if (a.get(i).equals("-q")) {
                quiet = true;
            } else if (a.get(i).equals("-m")) {
                max = Integer.parseInt(a.get(++i));
            } else {
                return null;
            }
        }
        if (a.size() - i != 2) {
            return null;
        }
        String text = read(Path.of(a.get(i + 1)));
        if (text == null) {
            return Out.fail(2, "grep: " + a.get(i + 1) + ": No such file or directory");
        }
        Pattern pattern = Pattern.compile(a.get(i));
        List<String> found = text.lines().filter(l -> pattern.matcher(l).find()).limit(max).toList();
        if (found.isEmpty()) {
            return new Out(1, "", "");
        }
        return Out.ok(quiet ? "" : String.join("\n", found) + "\n");
    }

    private Out test(List<String> a) {
        if (a.size() != 2) {
            return null;
        }
        Path p = Path.of(a.get(1)).toAbsolutePath().normalize();
        boolean yes = switch (a.get(0)) {
            case "-L", "-h" -> pendingLink(p);
            case "-d" -> disk.isDir(p);
            case "-f" -> disk.isFile(p) || memory.containsKey(p);
            case "-e" -> disk.isDir(p) || disk.isFile(p) || memory.containsKey(p);
            default -> false;
        };
        return yes ? Out.OK : new Out(1, "", "");
    }

    private Out mkdir(List<String> a) {
        if (a.size() != 2 || !a.get(0).equals("-p")) {
            return null;
        }
        Path p = Path.of(a.get(1));
        if (disk.owns(p)) {
            disk.mkdirs(p);
        }
        return Out.OK;
    }

    private Out rm(List<String> a) {
        if (a.size() != 2 || !a.get(0).equals("-f")) {
            return null;
        }
        Path p = Path.of(a.get(1)).toAbsolutePath().normalize();
        if (disk.owns(p)) {
            if (disk.isDir(p)) {
                return Out.fail("rm: " + p + ": is a directory");
            }
            disk.deleteFile(p);
        } else {
            memory.remove(p);
        }
        return Out.OK;
    }

    /** {@code sysrc -f FILE KEY=VALUE | -n KEY | -x KEY}, on rc.conf files below IOCROOT. */
    private Out sysrc(List<String> a) {
        if (a.size() < 3 || !a.get(0).equals("-f")) {
            return null;
        }
        Path file = Path.of(a.get(1)).toAbsolutePath().normalize();
        if (!disk.owns(file)) {
            return null;
        }
        if (!disk.isDir(file.getParent())) {
            return Out.fail("sysrc: " + file.getParent() + ": No such file or directory");
        }
        Map<String, String> values = new LinkedHashMap<>();
        String text = disk.read(file);
        for (String line : text == null ? List.<String>of() : text.lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
            }
        }
        String out;
        if (a.get(2).equals("-n") && a.size() == 4) {
            String value = values.get(a.get(3));
            return value == null ? Out.fail("sysrc: unknown variable '" + a.get(3) + "'") : Out.ok(value + "\n");
        } else if (a.get(2).equals("-x") && a.size() == 4) {
            values.remove(a.get(3));
            out = "";
        } else if (a.size() == 3 && a.get(2).contains("=")) {
            String key = a.get(2).substring(0, a.get(2).indexOf('='));
            String value = a.get(2).substring(a.get(2).indexOf('=') + 1);
            out = key + ": " + values.getOrDefault(key, "") + " -> " + value + "\n";
            values.put(key, value);
        } else {
            return null;
        }
        if (readonlyAt(file)) {
            return Out.fail("sysrc: " + file + ": Read-only file system");
        }
        disk.write(file, values.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"\n")
                .collect(Collectors.joining()));
        return Out.ok(out);
    }

    private boolean readonlyAt(Path p) {
        String dataset = zfs.datasetAt(p);
        return dataset != null && zfs.readonly(dataset);
    }

    /** {@code tar -tf ARCHIVE} and {@code tar -C ROOT -xpf ARCHIVE}: the distribution sets of this fake. */
    private Out tar(List<String> a) {
        if (a.size() == 2 && a.get(0).equals("-tf")) {
            Path archive = Path.of(a.get(1));
            if (!disk.isFile(archive)) {
                return Out.fail("tar: Error opening archive: Failed to open '" + archive + "'");
            }
            return Out.ok(members(archive).stream().map(m -> "./" + m + "\n").collect(Collectors.joining()));
        }
        if (a.size() == 4 && a.get(0).equals("-C") && a.get(2).equals("-xpf")) {
            Path root = Path.of(a.get(1));
            Path archive = Path.of(a.get(3));
            if (!disk.isFile(archive)) {
                return Out.fail("tar: Error opening archive: Failed to open '" + archive + "'");
            }
            if (!disk.isDir(root)) {
                return Out.fail("tar: could not chdir to '" + root + "'");
            }
            String release = archive.getParent().getFileName().toString();
            for (String member : members(archive)) {
                if (member.endsWith("/")) {
                    disk.mkdirs(root.resolve(member));
                } else {
                    disk.write(root.resolve(member), content(member, release));
                }
            }
            return Out.OK;
        }
        return null;
    }

    private static List<String> members(Path archive) {
        List<String> members = new ArrayList<>();
        switch (archive.getFileName().toString()) {
            case "base.txz" -> {
                BASE_DIRS.forEach(d -> members.add(d + "/"));
                members.addAll(List.of("bin/freebsd-version", "etc/freebsd-update.conf", "etc/hosts", "etc/rc.conf"));
            }
            case "lib32.txz" -> members.addAll(List.of("usr/lib32/", "usr/lib32/libc.so.7"));
            case "src.txz" -> members.addAll(List.of("usr/src/", "usr/src/Makefile", "usr/src/etc/"));
            default -> members.add(archive.getFileName().toString().replace(".txz", "") + "/");
        }
        return members;
    }

    private static String content(String member, String release) {
        return switch (member) {
            case "bin/freebsd-version" -> "#!/bin/sh\n# freebsd-version(1), as far as this fake host needs it\n"
                    + "USERLAND_VERSION=\"" + release + "\"\n";
            case "etc/freebsd-update.conf" -> FREEBSD_UPDATE_CONF;
            case "etc/hosts" -> "::1\t\t\tlocalhost localhost.my.domain\n127.0.0.1\t\tlocalhost localhost.my.domain\n";
            case "etc/rc.conf" -> "";
            default -> member + "\n";
        };
    }

    private void writeUserland(Path root, String release) {
        Path file = root.resolve("bin/freebsd-version");
        String text = disk.read(file);
        disk.write(file, text == null ? content("bin/freebsd-version", release)
                : text.replaceAll("(?m)^USERLAND_VERSION=\"[^\"]*\"", "USERLAND_VERSION=\"" + release + "\""));
    }

    private Out freebsdVersion(List<String> a) {
        if (a.size() == 1 && (a.get(0).equals("-u") || a.get(0).equals("-k") || a.get(0).equals("-r"))) {
            return Out.ok(hostRelease + "\n");
        }
        if (a.size() == 3 && a.get(0).equals("-u") && a.get(1).equals("-j") || a.size() == 2 && a.get(0)
                .equals("-j")) {
            Jail j = jails.get(a.get(a.size() - 1));
            return j == null ? Out.fail("freebsd-version: jail \"" + a.get(a.size() - 1) + "\" not found")
                    : Out.ok(userland(j.path) + "\n");
        }
        return null;
    }

    // -------------------------------------------------------------------------------------------------- mounts

    private boolean busy(Path path) {
        return mounts.stream().map(m -> Path.of(m[0])).anyMatch(m -> m.startsWith(path));
    }

    private void mounted(String point, String what) {
        mounts.add(new String[] {point, what});
    }

    /** Unmounts the topmost mount at {@code point}; false when nothing is mounted there. */
    private boolean unmounted(String point) {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i)[0].equals(point)) {
                mounts.remove(i);
                return true;
            }
        }
        return false;
    }

    /** {@code mount -t TYPE SOURCE DEST}, {@code mount_nullfs [-o OPTS] SOURCE DEST}. */
    private Out mount(List<String> argv) {
        List<String> words = new ArrayList<>(argv.subList(1, argv.size()));
        String type = argv.get(0).equals("mount_nullfs") ? "nullfs" : null;
        for (int i = 0; i < words.size(); ) {
            if (words.get(i).equals("-t")) {
                type = words.get(i + 1);
                words.subList(i, i + 2).clear();
            } else if (words.get(i).equals("-o")) {
                words.subList(i, i + 2).clear();
            } else {
                i++;
            }
        }
        if (type == null || words.size() != 2) {
            return null;
        }
        Path dest = Path.of(words.get(1)).toAbsolutePath().normalize();
        if (disk.owns(dest) && !disk.isDir(dest)) {
            return Out.fail("mount: " + dest + ": No such file or directory");
        }
        mounted(dest.toString(), type + " " + words.get(0));
        return Out.OK;
    }

    /** {@code umount [-f] DEST}, {@code umount -afF FSTAB} (what the fstab mounted). */
    private Out umount(List<String> a) {
        if (a.size() == 2 && a.get(0).equals("-afF")) {
            for (String[] entry : fstab(Path.of(a.get(1)))) {
                while (unmounted(entry[1])) {
                    // -a: every mount of the file's entries
                }
            }
            return Out.OK;
        }
        String target = a.get(a.size() - 1);
        if (a.size() > 2 || a.size() == 2 && !a.get(0).equals("-f")) {
            return null;
        }
        String dest = Path.of(target).toAbsolutePath().normalize().toString();
        if (!unmounted(dest)) {
            return Out.fail("umount: " + dest + ": not a file system root directory");
        }
        return Out.OK;
    }

    /** The entries of an fstab(5) file: source, destination (with {@code \040} decoded), type, options. */
    private List<String[]> fstab(Path file) {
        String text = read(file);
        List<String[]> entries = new ArrayList<>();
        for (String line : text == null ? List.<String>of() : text.lines().toList()) {
            String data = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            String[] f = data.strip().split("\\s+");
            if (f.length >= 4) {
                entries.add(new String[] {f[0].replace("\\040", " "),
                        Path.of(f[1].replace("\\040", " ")).normalize().toString(), f[2], f[3]});
            }
        }
        return entries;
    }

    // -------------------------------------------------------------------------------------------------- jails

    private Out jls(List<String> a) {
        if (a.equals(List.of("--libxo", "json", "-v"))) {
            StringBuilder out = new StringBuilder("{\"__version\": \"2\", \"jail-information\": {\"jail\": [");
            out.append(jails.values().stream().map(j -> "{\"jid\": " + j.jid + ", \"hostname\": \"" + j.hostname
                    + "\", \"path\": \"" + j.path + "\", \"name\": \"" + j.name + "\", \"state\": \"ACTIVE\", "
                    + "\"cpusetid\": " + (j.jid + 1) + ", \"ipv4_addrs\": [" + j.aliases.stream()
                    .map(x -> "\"" + x.substring(x.indexOf('|') + 1).replaceAll("/.*", "") + "\"")
                    .collect(Collectors.joining(", ")) + "], \"ipv6_addrs\": []}")
                    .collect(Collectors.joining(", ")));
            return Out.ok(out.append("]}}\n").toString());
        }
        if (a.size() >= 2 && a.get(0).equals("-j")) {
            Jail j = jails.get(a.get(1));
            if (j == null) {
                return Out.fail("jls: jail \"" + a.get(1) + "\" not found");
            }
            if (a.size() == 2) {
                return Out.ok("   JID  IP Address      Hostname                      Path\n"
                        + String.format("%6d  %-15s %-29s %s%n", j.jid, "", j.hostname, j.path));
            }
            if (a.size() == 3) {
                return switch (a.get(2)) {
                    case "jid" -> Out.ok(j.jid + "\n");
                    case "devfs_ruleset" -> Out.ok(j.devfsRuleset + "\n");
                    case "name" -> Out.ok(j.name + "\n");
                    case "path" -> Out.ok(j.path + "\n");
                    default -> null;
                };
            }
        }
        return null;
    }

    /** {@code jail -f CONF -c} (the block in CONF) and {@code jail -q -f CONF -r NAME}. */
    private Out jail(List<String> a) {
        List<String> words = new ArrayList<>(a);
        words.remove("-q");
        words.remove("-v");
        if (words.size() == 3 && words.get(0).equals("-f") && words.get(2).equals("-c")) {
            return create(Path.of(words.get(1)));
        }
        if (words.size() == 4 && words.get(0).equals("-f") && words.get(2).equals("-r")) {
            return remove(words.get(3));
        }
        return null;
    }

    private Out create(Path confFile) {
        String conf = read(confFile);
        if (conf == null) {
            return Out.fail("jail: " + confFile + ": No such file or directory");
        }
        Matcher head = Pattern.compile("^\"([^\"]+)\" \\{").matcher(conf);
        if (!head.find()) {
            return Out.fail("jail: " + confFile + ": syntax error");
        }
        String name = head.group(1);
        Map<String, String> params = new LinkedHashMap<>();
        List<String> ip4 = new ArrayList<>();
        Set<String> bare = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\t([a-z0-9_.]+)(?: (\\+?=) \"((?:[^\"\\\\]|\\\\.)*)\")?;$").matcher(conf);
        while (m.find()) {
            if (m.group(2) == null) {
                bare.add(m.group(1));
            } else if (m.group(2).equals("+=") && m.group(1).equals("ip4.addr")) {
                ip4.add(m.group(3));
            } else {
                params.put(m.group(1), m.group(3).replaceAll("\\\\(.)", "$1"));
            }
        }
        if (jails.containsKey(name)) {
            return Out.fail("jail: \"" + name + "\" already exists");
        }
        Path path = Path.of(params.getOrDefault("path", "/nonexistent"));
        if (!disk.isDir(path)) {
            return Out.fail("jail: " + name + ": path " + path + ": No such file or directory");
        }
        String ruleset = params.getOrDefault("devfs_ruleset", "0");
        if (!ruleset.equals("0") && !rulesets.containsKey(Integer.parseInt(ruleset))) {
            return Out.fail("jail: " + name + ": devfs_ruleset " + ruleset + ": no such ruleset");
        }
        List<String[]> entries = params.containsKey("mount.fstab") ? fstab(Path.of(params.get("mount.fstab")))
                : List.of();
        for (String[] e : entries) {
            Path dest = Path.of(e[1]);
            if (!dest.startsWith(path)) {
                return Out.fail("jail: " + name + ": mount.fstab: " + e[1] + " is outside the jail's path");
            }
            if (!disk.isDir(dest)) {
                return Out.fail("jail: " + name + ": mount.fstab: " + e[1] + ": No such file or directory");
            }
            if (e[2].equals("nullfs") && !Files.isDirectory(Path.of(e[0]))) {
                return Out.fail("jail: " + name + ": mount.fstab: " + e[0] + ": No such file or directory");
            }
        }
        for (String alias : ip4) {
            String nic = alias.contains("|") ? alias.substring(0, alias.indexOf('|')) : null;
            if (nic != null && net.find(null, nic) == null) {
                return Out.fail("jail: " + name + ": ip4.addr: " + nic + ": interface does not exist");
            }
        }
        Jail jail = new Jail(name, nextJid++, path, params.getOrDefault("host.hostname", name),
                ruleset, bare.contains("vnet"));
        for (String[] e : entries) {
            mounted(e[1], e[2] + " " + e[0]);
            jail.mounts.add(e[1]);
        }
        if ("1".equals(params.get("mount.devfs"))) {
            mounted(path.resolve("dev").toString(), "devfs devfs");
            jail.mounts.add(path.resolve("dev").toString());
        }
        if ("1".equals(params.get("mount.fdescfs"))) {
            mounted(path.resolve("dev/fd").toString(), "fdescfs fdesc");
            jail.mounts.add(path.resolve("dev/fd").toString());
        }
        for (String alias : ip4) {
            if (alias.contains("|")) {
                net.find(null, alias.substring(0, alias.indexOf('|'))).inet.add(alias.substring(alias.indexOf('|') + 1));
            }
            jail.aliases.add(alias);
        }
        jails.put(name, jail);
        return Out.ok(name + ": created\n");
    }

    private Out remove(String name) {
        Jail jail = jails.remove(name);
        if (jail == null) {
            return Out.fail("jail: \"" + name + "\" not found");
        }
        jail.mounts.forEach(this::unmounted);
        for (String alias : jail.aliases) {
            if (alias.contains("|")) {
                FakeNet.Iface nic = net.find(null, alias.substring(0, alias.indexOf('|')));
                if (nic != null) {
                    nic.inet.remove(alias.substring(alias.indexOf('|') + 1));
                }
            }
        }
        for (FakeNet.Iface iface : net.in(name)) {
            iface.where = null;
        }
        return Out.OK;
    }

    /** {@code jexec [-u USER|-U USER] ioc-NAME argv…}: the command inside the jail. */
    private Out jexec(Command command, List<String> a) {
        int i = 0;
        if (a.size() > 2 && (a.get(0).equals("-u") || a.get(0).equals("-U"))) {
            i = 2;
        }
        if (a.size() <= i + 1) {
            return null;
        }
        Jail jail = jails.get(a.get(i));
        if (jail == null) {
            return Out.fail("jexec: jail \"" + a.get(i) + "\" not found");
        }
        List<String> inside = a.subList(i + 1, a.size());
        switch (inside.get(0)) {
            case "ifconfig":
                return net.ifconfig(jail.name, inside.subList(1, inside.size()));
            case "route":
                if (inside.size() >= 4 && inside.get(1).equals("add")) {
                    String gateway = inside.get(inside.size() - 1);
                    jail.routes.add(String.join(" ", inside.subList(2, inside.size())));
                    return Out.ok("add net default: gateway " + gateway + "\n");
                }
                return null;
            case "/bin/sh":
                if (inside.size() == 2 && inside.get(1).equals("/etc/rc")) {
                    jail.booted = true;
                    dhclient(jail);
                }
                return Out.OK;
            default:
                return Out.OK;
        }
    }

    /** What the jail's rc does with {@code ifconfig_epairNb="SYNCDHCP"}: dhclient leases an address. */
    private void dhclient(Jail jail) {
        String rcConf = disk.read(jail.path.resolve("etc/rc.conf"));
        if (rcConf == null) {
            return;
        }
        for (FakeNet.Iface iface : net.in(jail.name)) {
            if (rcConf.contains("ifconfig_" + iface.name + "=\"SYNCDHCP\"") && iface.inet.isEmpty()) {
                iface.inet.add("192.168.1." + (100 + jail.jid) + "/24");
                iface.up = true;
                jail.routes.add("default " + GATEWAY);
            }
        }
    }

    private Out hostIfconfig(List<String> a) {
        if (a.size() == 3 && a.get(1).equals("vnet")) {
            FakeNet.Iface iface = net.find(null, a.get(0));
            Jail jail = jails.get(a.get(2));
            if (iface == null) {
                return Out.fail("ifconfig: interface " + a.get(0) + " does not exist");
            }
            if (jail == null || !jail.vnet) {
                return Out.fail("ifconfig: SIOCSIFVNET: " + (jail == null ? "Invalid argument" : "Operation not "
                        + "permitted"));
            }
            iface.where = jail.name;
            net.ifaces.stream().filter(b -> b.bridge).forEach(b -> b.members.remove(iface.name));
            return Out.OK;
        }
        return net.ifconfig(null, a);
    }

    // ----------------------------------------------------------------------------------------------- devfs, pf

    private Out devfs(List<String> a) {
        if (a.equals(List.of("rule", "showsets"))) {
            return Out.ok(rulesets.keySet().stream().map(n -> n + "\n").collect(Collectors.joining()));
        }
        if (a.size() >= 4 && a.get(0).equals("rule") && a.get(1).equals("-s") && a.get(2).matches("\\d+")) {
            int n = Integer.parseInt(a.get(2));
            switch (a.get(3)) {
                case "add":
                    rulesets.computeIfAbsent(n, k -> new ArrayList<>()).add(String.join(" ", a.subList(4, a.size())));
                    return Out.OK;
                case "delset":
                    return rulesets.remove(n) == null ? Out.fail("devfs: ruleset " + n + " does not exist")
                            : Out.OK;
                case "show":
                    List<String> rules = rulesets.get(n);
                    if (rules == null) {
                        return Out.fail("devfs: ruleset " + n + " does not exist");
                    }
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < rules.size(); i++) {
                        String rule = rules.get(i);
                        out.append(rule.matches("\\d+ .*") ? rule : (100 * (i + 1)) + " " + rule).append('\n');
                    }
                    return Out.ok(out.toString());
                default:
                    return null;
            }
        }
        return null;
    }

    private Out pfctl(List<String> a) {
        if (a.equals(List.of("-s", "nat"))) {
            return Out.ok(pfHooks ? "nat-anchor \"jailsh/*\" all\nrdr-anchor \"jailsh/*\" all\n" : "");
        }
        if (a.size() == 4 && a.get(0).equals("-a")) {
            String anchor = a.get(1);
            switch (a.get(2)) {
                case "-f":
                    String rules = read(Path.of(a.get(3)));
                    if (rules == null) {
                        return Out.fail("pfctl: " + a.get(3) + ": No such file or directory");
                    }
                    anchors.put(anchor, rules);
                    return Out.OK;
                case "-F":
                    anchors.remove(anchor);
                    return new Out(0, "", "rules cleared\nnat cleared\n");
                case "-s":
                    return Out.ok(anchors.getOrDefault(anchor, ""));
                default:
                    return null;
            }
        }
        return null;
    }

    private Out rctl(List<String> a) {
        if (a.isEmpty()) {
            return Out.ok(rctl.stream().map(r -> r + "\n").collect(Collectors.joining()));
        }
        if (a.size() == 2 && a.get(0).equals("-a")) {
            rctl.add(a.get(1));
            return Out.OK;
        }
        if (a.size() == 2 && a.get(0).equals("-r")) {
            rctl.removeIf(r -> r.startsWith(a.get(1)));
            return Out.OK;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------- freebsd-update

    /** freebsd-update's pending-install link for a root: {@code ROOT/var/db/freebsd-update/<sha256(ROOT\n)>-install}. */
    private boolean pendingLink(Path link) {
        Set<Path> roots = new TreeSet<>(staged.keySet());
        roots.addAll(upgrades.keySet());
        for (Path root : roots) {
            String sha = FakeDisk.sha256((root + "\n").getBytes(StandardCharsets.UTF_8));
            if (link.equals(root.resolve("var/db/freebsd-update").resolve(sha + "-install"))) {
                return true;
            }
        }
        return false;
    }

    private static String withoutPatch(String release) {
        return release.replaceFirst("-p\\d+$", "");
    }

    /**
     * {@code freebsd-update -b ROOT -d DIR -f CONF --not-running-from-cron --currently-running REL [-r NEW] ACTION}.
     * Refuses, as the real one does, to fetch without {@code --not-running-from-cron} when not on a terminal, and
     * (this fake's way of saying it would hang) to upgrade without answers on stdin or with MergeChanges set.
     */
    private Out freebsdUpdate(Command command, List<String> a) {
        Path root = null;
        Path conf = null;
        String target = null;
        boolean cron = false;
        String action = null;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "-b" -> root = Path.of(a.get(++i)).toAbsolutePath().normalize();
                case "-d" -> i++;
                case "-f" -> conf = Path.of(a.get(++i));
                case "-r" -> target = a.get(++i);
                case "--not-running-from-cron" -> cron = true;
                case "--currently-running" -> {
                    if (i + 1 >= a.size() || !a.get(i + 1).matches("\\d+\\.\\d+-\\S+")) {
                        return Out.fail("freebsd-update: --currently-running needs a release");
                    }
                    i++;
                }
                default -> {
                    if (w.startsWith("-")) {
                        return Out.fail("freebsd-update: unknown option " + w);
                    }
                    action = w;
                }
            }
        }
        if (root == null || !disk.isDir(root)) {
            return Out.fail("freebsd-update: " + root + " is not a directory");
        }
        String config = conf == null ? null : read(conf);
        if (config == null || !config.contains("ServerName")) {
            return Out.fail("freebsd-update: cannot read " + conf);
        }
        if (!cron && Objects.equals(action, "fetch")) {
            return new Out(1, "`freebsd-update fetch` should not be run non-interactively.\n"
                    + "Run `freebsd-update cron` instead.\n", "");
        }
        String current = userland(root);
        if (target == null) {
            if ("fetch".equals(action)) {
                String patched = patchLevels.getOrDefault(withoutPatch(current), current);
                if (patched.equals(current)) {
                    return Out.ok("No updates needed to update system to " + current + ".\n");
                }
                staged.put(root, patched);
                return Out.ok("The following files will be updated as part of updating to " + patched + ":\n"
                        + "/bin/freebsd-version\n");
            }
            if ("install".equals(action)) {
                String patched = staged.remove(root);
                if (patched == null) {
                    return Out.ok("No updates are available to install.\n");
                }
                writeUserland(root, patched);
                return Out.ok("Installing updates... done.\n");
            }
            return null;
        }
        if ("upgrade".equals(action)) {
            if (command.stdin() == null || command.stdin().isEmpty()) {
                return Out.fail("freebsd-update: would wait for an answer on the terminal (no stdin given)");
            }
            if (config.lines().anyMatch(l -> l.startsWith("MergeChanges") && l.split("\\s+").length > 1)) {
                return Out.fail("freebsd-update: would stop to ask about merging /etc (MergeChanges is set)");
            }
            upgrades.put(root, new Upgrade(target, installPasses));
            return Out.ok("Looking up update.FreeBSD.org upgrade mirrors... 2 mirrors found.\n"
                    + "To install the downloaded upgrades, run 'freebsd-update install'.\n");
        }
        if ("install".equals(action)) {
            Upgrade pending = upgrades.remove(root);
            if (pending == null) {
                return Out.ok("No updates are available to install.\n");
            }
            if (pending.passes() > 1) {
                upgrades.put(root, new Upgrade(pending.release(), pending.passes() - 1));
            } else {
                writeUserland(root, patchLevels.getOrDefault(pending.release(), pending.release()));
            }
            return Out.ok("Installing updates...\n");
        }
        return null;
    }

    /** {@code etcupdate -F -D ROOT -s SRC} and {@code etcupdate status -D ROOT} (conflicts as configured). */
    private Out etcupdate(List<String> a) {
        if (a.size() == 5 && a.get(0).equals("-F") && a.get(1).equals("-D") && a.get(3).equals("-s")) {
            if (!disk.isDir(Path.of(a.get(2)))) {
                return Out.fail("etcupdate: " + a.get(2) + " is not a directory");
            }
            if (!disk.isDir(Path.of(a.get(4)))) {
                return Out.fail("etcupdate: Source tree " + a.get(4) + " does not exist");
            }
            return Out.OK;
        }
        if (a.size() == 3 && a.get(0).equals("status") && a.get(1).equals("-D")) {
            List<String> files = conflicts.getOrDefault(Path.of(a.get(2)).toAbsolutePath().normalize(), List.of());
            return Out.ok(files.stream().map(f -> "  C " + f + "\n").collect(Collectors.joining()));
        }
        return null;
    }
}
