package org.jailsh.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code zfs} and {@code zpool} commands of a fake FreeBSD host, over a table of datasets. Each dataset below the
 * fake's directory is a real directory there (its mount point), so what the core reads with java.nio follows what
 * zfs did: {@code create} and {@code clone} make the directory (a clone gets its snapshot's files), {@code rename}
 * moves it, {@code rollback} restores it, {@code destroy} removes it. Snapshots keep a copy of their dataset's files.
 * Errors are zfs's own messages for the cases jailsh can meet: missing datasets, existing names, dependent clones,
 * busy mounts, more recent snapshots.
 */
final class FakeZfs {

    static final String ACTIVE = "org.freebsd.ioc:active";
    static final String SEND_RECEIVE = "zfs send \"$1\" | zfs receive -F \"$2\"";

    static final class Dataset {
        String name;
        String mountpoint;
        String origin = "-";
        final Map<String, String> props = new TreeMap<>();
        final LinkedHashMap<String, FakeDisk.Tree> snapshots = new LinkedHashMap<>();

        Dataset(String name) {
            this.name = name;
        }
    }

    private final FakeDisk disk;
    private final Predicate<Path> busy;
    private final List<String> pools = new ArrayList<>();
    private final TreeMap<String, Dataset> datasets = new TreeMap<>();
    private final Map<String, Map<String, String>> readonlyPrints = new LinkedHashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();

    /** @param busy whether a mount of the fake host lies at or below a path (zfs cannot unmount it then) */
    FakeZfs(FakeDisk disk, Predicate<Path> busy) {
        this.disk = disk;
        this.busy = busy;
    }

    void addPool(String pool, String mountpoint) {
        pools.add(pool);
        Dataset root = new Dataset(pool);
        root.mountpoint = mountpoint;
        datasets.put(pool, root);
    }

    List<String> pools() {
        return pools;
    }

    Map<String, Dataset> table() {
        return datasets;
    }

    Set<String> problems() {
        return problems;
    }

    static boolean within(String name, String parent) {
        return name.equals(parent) || name.startsWith(parent + "/");
    }

    static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? null : name.substring(0, slash);
    }

    String mountpoint(String name) {
        Dataset d = datasets.get(name);
        if (d != null && d.mountpoint != null) {
            return d.mountpoint;
        }
        String parent = parentOf(name);
        return parent == null ? "/" + name : mountpoint(parent) + "/" + name.substring(parent.length() + 1);
    }

    /** The dataset's directory when it lies below the fake's directory, else null. */
    Path mountPath(String name) {
        Path p = Path.of(mountpoint(name));
        return disk.owns(p) ? p.normalize() : null;
    }

    private List<String> descendants(String name) {
        return datasets.keySet().stream().filter(n -> !n.equals(name) && within(n, name)).toList();
    }

    private Set<Path> childMounts(String name) {
        Set<Path> mounts = new LinkedHashSet<>();
        for (String child : descendants(name)) {
            Path p = mountPath(child);
            if (p != null) {
                mounts.add(p);
            }
        }
        return mounts;
    }

    private FakeDisk.Tree own(String name) {
        Path p = mountPath(name);
        return p == null ? FakeDisk.Tree.EMPTY : disk.capture(p, childMounts(name));
    }

    boolean readonly(String name) {
        for (String n = name; n != null; n = parentOf(n)) {
            Dataset d = datasets.get(n);
            if (d != null && d.props.containsKey("readonly")) {
                return d.props.get("readonly").equals("on");
            }
        }
        return false;
    }

    /** The dataset whose directory holds {@code path} (the deepest mount point above it), or null. */
    String datasetAt(Path path) {
        Path p = path.toAbsolutePath().normalize();
        String best = null;
        int depth = -1;
        for (String name : datasets.keySet()) {
            Path m = mountPath(name);
            if (m != null && p.startsWith(m) && m.getNameCount() > depth) {
                best = name;
                depth = m.getNameCount();
            }
        }
        return best;
    }

    /** Files that changed below a dataset after {@code readonly=on}: what a real host would have refused to write. */
    List<String> readonlyViolations() {
        List<String> found = new ArrayList<>();
        readonlyPrints.forEach((name, before) -> {
            Path m = mountPath(name);
            if (m == null || !datasets.containsKey(name)) {
                return;
            }
            Map<String, String> now = disk.fingerprint(m);
            Set<String> keys = new java.util.TreeSet<>(before.keySet());
            keys.addAll(now.keySet());
            for (String key : keys) {
                if (!java.util.Objects.equals(before.get(key), now.get(key))) {
                    found.add(name + ": " + key + " was written while the dataset is readonly=on");
                }
            }
        });
        return found;
    }

    Out zpool(List<String> a) {
        if (a.size() >= 4 && a.get(0).equals("list") && a.get(1).equals("-H") && a.get(2).equals("-o")) {
            String field = a.get(3);
            List<String> names = a.subList(4, a.size());
            StringBuilder out = new StringBuilder();
            for (String pool : names.isEmpty() ? pools : names) {
                if (!pools.contains(pool)) {
                    return Out.fail("cannot open '" + pool + "': no such pool");
                }
                out.append(field.equals("health") ? "ONLINE" : pool).append('\n');
            }
            return Out.ok(out.toString());
        }
        return null;
    }

    Out zfs(List<String> a) {
        if (a.isEmpty()) {
            return null;
        }
        Args args = Args.parse(a.subList(1, a.size()), Set.of("o", "t", "d", "s", "S"));
        return switch (a.get(0)) {
            case "list" -> list(args);
            case "get" -> get(args);
            case "set" -> set(args);
            case "create" -> create(args);
            case "snapshot" -> snapshot(args);
            case "clone" -> clone(args);
            case "destroy" -> destroy(args);
            case "rename" -> rename(args);
            case "rollback" -> rollback(args);
            default -> null;
        };
    }

    private static Out missing(String name) {
        return Out.fail("cannot open '" + name + "': dataset does not exist");
    }

    private Out list(Args args) {
        List<String> columns = List.of(args.value("o", "name").split(","));
        String type = args.value("t", "filesystem");
        int depth = args.has("d") ? Integer.parseInt(args.value("d", "0")) : args.has("r") ? Integer.MAX_VALUE : 0;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : args.operands()) {
            if (!datasets.containsKey(name)) {
                err.append("cannot open '").append(name).append("': dataset does not exist\n");
                continue;
            }
            int base = name.split("/").length;
            for (String fs : datasets.keySet()) {
                if (!within(fs, name) || fs.split("/").length - base > depth) {
                    continue;
                }
                if (type.contains("filesystem")) {
                    out.append(row(fs, null, columns)).append('\n');
                }
                if (type.contains("snapshot") && fs.split("/").length - base + 1 <= Math.max(depth, 1)) {
                    for (String snap : datasets.get(fs).snapshots.keySet()) {
                        out.append(row(fs, snap, columns)).append('\n');
                    }
                }
            }
        }
        return new Out(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
    }

    private String row(String name, String snapshot, List<String> columns) {
        Dataset d = datasets.get(name);
        return columns.stream().map(c -> switch (c) {
            case "name" -> snapshot == null ? name : name + "@" + snapshot;
            case "mountpoint" -> snapshot == null ? mountpoint(name) : "-";
            case "origin" -> snapshot == null ? d.origin : "-";
            case "type" -> snapshot == null ? "filesystem" : "snapshot";
            default -> property(name, c);
        }).collect(Collectors.joining("\t"));
    }

    private String property(String name, String property) {
        Dataset d = datasets.get(name);
        return switch (property) {
            case "mountpoint" -> mountpoint(name);
            case "origin" -> d.origin;
            case "readonly" -> readonly(name) ? "on" : "off";
            case "exec" -> inherited(name, "exec", "on");
            case "compression" -> inherited(name, "compression", "off");
            case "type" -> "filesystem";
            default -> d.props.getOrDefault(property, "-");
        };
    }

    private String inherited(String name, String property, String fallback) {
        for (String n = name; n != null; n = parentOf(n)) {
            Dataset d = datasets.get(n);
            if (d != null && d.props.containsKey(property)) {
                return d.props.get(property);
            }
        }
        return fallback;
    }

    private Out get(Args args) {
        List<String> operands = args.operands();
        List<String> fields = List.of(args.value("o", "name,property,value,source").split(","));
        String property = operands.get(0);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String name : operands.subList(1, operands.size())) {
            if (!datasets.containsKey(name)) {
                err.append("cannot open '").append(name).append("': dataset does not exist\n");
                continue;
            }
            String value = property(name, property);
            out.append(fields.stream().map(f -> switch (f) {
                case "name" -> name;
                case "property" -> property;
                case "value" -> value;
                default -> value.equals("-") ? "-" : "local";
            }).collect(Collectors.joining("\t"))).append('\n');
        }
        return new Out(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
    }

    private Out set(Args args) {
        String assignment = args.operands().get(0);
        String name = args.operands().get(1);
        if (!datasets.containsKey(name)) {
            return missing(name);
        }
        String key = assignment.substring(0, assignment.indexOf('='));
        String value = assignment.substring(assignment.indexOf('=') + 1);
        datasets.get(name).props.put(key, value);
        if (key.equals("readonly")) {
            Path m = mountPath(name);
            if (value.equals("on") && m != null) {
                readonlyPrints.put(name, disk.fingerprint(m));
            } else {
                readonlyPrints.remove(name);
            }
        }
        return Out.OK;
    }

    /** Makes a dataset and its directory; notes when the directory was not empty (the mount would hide it). */
    private Dataset make(String name, Map<String, String> props) {
        Dataset d = new Dataset(name);
        props.forEach((k, v) -> {
            if (k.equals("mountpoint")) {
                d.mountpoint = v;
            } else {
                d.props.put(k, v);
            }
        });
        datasets.put(name, d);
        Path m = mountPath(name);
        if (m != null) {
            Set<String> hidden = disk.entries(m);
            if (!hidden.isEmpty()) {
                problems.add(name + " was mounted over the non-empty directory " + m + ", hiding " + hidden);
            }
            disk.mkdirs(m);
        }
        return d;
    }

    private Out parents(String name, boolean create) {
        String parent = parentOf(name);
        if (parent == null || datasets.containsKey(parent)) {
            return null;
        }
        if (!create) {
            return Out.fail("cannot create '" + name + "': parent does not exist");
        }
        Out failed = parents(parent, true);
        if (failed != null) {
            return failed;
        }
        make(parent, Map.of());
        return null;
    }

    private Out create(Args args) {
        String name = args.operands().get(0);
        if (datasets.containsKey(name)) {
            return args.has("p") ? Out.OK : Out.fail("cannot create '" + name + "': dataset already exists");
        }
        Out failed = parents(name, args.has("p"));
        if (failed != null) {
            return failed;
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (String o : args.values("o")) {
            props.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
        make(name, props);
        return Out.OK;
    }

    private Out snapshot(Args args) {
        String full = args.operands().get(0);
        String name = full.substring(0, full.indexOf('@'));
        String snap = full.substring(full.indexOf('@') + 1);
        if (!datasets.containsKey(name)) {
            return Out.fail("cannot create snapshot '" + full + "': dataset does not exist");
        }
        List<String> targets = new ArrayList<>(List.of(name));
        if (args.has("r")) {
            targets.addAll(descendants(name));
        }
        for (String t : targets) {
            if (datasets.get(t).snapshots.containsKey(snap)) {
                return Out.fail("cannot create snapshot '" + t + "@" + snap + "': dataset already exists");
            }
        }
        for (String t : targets) {
            datasets.get(t).snapshots.put(snap, own(t));
        }
        return Out.OK;
    }

    private FakeDisk.Tree snapshotTree(String full) {
        int at = full.indexOf('@');
        if (at < 0) {
            return null;
        }
        Dataset d = datasets.get(full.substring(0, at));
        return d == null ? null : d.snapshots.get(full.substring(at + 1));
    }

    private Out clone(Args args) {
        String origin = args.operands().get(0);
        String target = args.operands().get(1);
        FakeDisk.Tree tree = snapshotTree(origin);
        if (tree == null) {
            return missing(origin);
        }
        if (datasets.containsKey(target)) {
            return Out.fail("cannot create '" + target + "': dataset already exists");
        }
        Out failed = parents(target, args.has("p"));
        if (failed != null) {
            return failed;
        }
        make(target, Map.of()).origin = origin;
        Path m = mountPath(target);
        if (m != null) {
            disk.restore(m, tree);
        }
        return Out.OK;
    }

    /** {@code sh -c 'zfs send "$1" | zfs receive -F "$2"' sh SNAPSHOT TARGET}: a full copy, with its snapshot. */
    Out sendReceive(String snapshot, String target) {
        FakeDisk.Tree tree = snapshotTree(snapshot);
        if (tree == null) {
            return missing(snapshot);
        }
        String parent = parentOf(target);
        if (parent != null && !datasets.containsKey(parent)) {
            return Out.fail("cannot receive new filesystem stream: parent of '" + target + "' does not exist");
        }
        Dataset d = datasets.containsKey(target) ? datasets.get(target) : make(target, Map.of());
        d.snapshots.clear();
        Path m = mountPath(target);
        if (m != null) {
            disk.clear(m, childMounts(target));
            disk.restore(m, tree);
        }
        d.snapshots.put(snapshot.substring(snapshot.indexOf('@') + 1), tree);
        return Out.OK;
    }

    private List<String> clonesOf(String snapshot, List<String> except) {
        return datasets.values().stream().filter(d -> d.origin.equals(snapshot) && !except.contains(d.name))
                .map(d -> d.name).toList();
    }

    private Out destroy(Args args) {
        if (args.has("R")) {
            return Out.fail(127, "the fake host does not model zfs destroy -R (it destroys clones elsewhere)");
        }
        String full = args.operands().get(0);
        int at = full.indexOf('@');
        if (at >= 0) {
            String name = full.substring(0, at);
            String snap = full.substring(at + 1);
            if (!datasets.containsKey(name)) {
                return missing(name);
            }
            List<String> targets = new ArrayList<>(List.of(name));
            if (args.has("r")) {
                targets.addAll(descendants(name));
            }
            targets.removeIf(t -> !datasets.get(t).snapshots.containsKey(snap));
            if (targets.isEmpty()) {
                return Out.fail("could not find any snapshots to destroy; check snapshot names.");
            }
            for (String t : targets) {
                List<String> clones = clonesOf(t + "@" + snap, List.of());
                if (!clones.isEmpty()) {
                    return Out.fail("cannot destroy '" + t + "@" + snap + "': snapshot has dependent clones\n"
                            + "use '-R' to destroy the following datasets:\n" + String.join("\n", clones));
                }
            }
            targets.forEach(t -> datasets.get(t).snapshots.remove(snap));
            return Out.OK;
        }
        if (!datasets.containsKey(full)) {
            return missing(full);
        }
        List<String> children = descendants(full);
        if (!children.isEmpty() && !args.has("r")) {
            return Out.fail("cannot destroy '" + full + "': filesystem has children\n"
                    + "use '-r' to destroy the following datasets:\n" + String.join("\n", children));
        }
        List<String> all = new ArrayList<>(children);
        all.add(full);
        for (String name : all) {
            for (String snap : datasets.get(name).snapshots.keySet()) {
                List<String> clones = clonesOf(name + "@" + snap, all);
                if (!clones.isEmpty()) {
                    return Out.fail("cannot destroy '" + full + "': filesystem has dependent clones\n"
                            + "use '-R' to destroy the following datasets:\n" + String.join("\n", clones));
                }
            }
            Path m = mountPath(name);
            if (m != null && busy.test(m)) {
                return Out.fail("cannot unmount '" + m + "': pool or dataset is busy");
            }
        }
        Path m = mountPath(full);
        all.forEach(name -> {
            datasets.remove(name);
            readonlyPrints.remove(name);
        });
        if (m != null) {
            disk.deleteTree(m);
        }
        return Out.OK;
    }

    private Out rename(Args args) {
        String from = args.operands().get(0);
        String to = args.operands().get(1);
        if (!datasets.containsKey(from)) {
            return missing(from);
        }
        if (datasets.containsKey(to)) {
            return Out.fail("cannot rename to '" + to + "': dataset already exists");
        }
        if (!datasets.containsKey(parentOf(to))) {
            return Out.fail("cannot rename to '" + to + "': parent does not exist");
        }
        Path oldPath = mountPath(from);
        if (oldPath != null && busy.test(oldPath)) {
            return Out.fail("cannot unmount '" + oldPath + "': pool or dataset is busy");
        }
        List<String> moving = datasets.keySet().stream().filter(n -> within(n, from)).toList();
        for (String old : moving) {
            Dataset d = datasets.remove(old);
            d.name = to + old.substring(from.length());
            datasets.put(d.name, d);
            Map<String, String> print = readonlyPrints.remove(old);
            if (print != null) {
                readonlyPrints.put(d.name, print);
            }
        }
        for (Dataset d : datasets.values()) {
            if (d.origin.contains("@") && within(d.origin.substring(0, d.origin.indexOf('@')), from)) {
                d.origin = to + d.origin.substring(from.length());
            }
        }
        Path newPath = mountPath(to);
        if (oldPath != null && newPath != null && disk.isDir(oldPath)) {
            disk.move(oldPath, newPath);
        }
        return Out.OK;
    }

    private Out rollback(Args args) {
        String full = args.operands().get(0);
        String name = full.substring(0, full.indexOf('@'));
        String snap = full.substring(full.indexOf('@') + 1);
        Dataset d = datasets.get(name);
        if (d == null || !d.snapshots.containsKey(snap)) {
            return missing(full);
        }
        List<String> later = new ArrayList<>();
        boolean after = false;
        for (String s : d.snapshots.keySet()) {
            if (after) {
                later.add(s);
            }
            after |= s.equals(snap);
        }
        if (!later.isEmpty() && !args.has("r")) {
            return Out.fail("cannot rollback to '" + full + "': more recent snapshots or bookmarks exist\n"
                    + "use '-r' to force deletion of the following snapshots and bookmarks:\n"
                    + later.stream().map(s -> name + "@" + s).collect(Collectors.joining("\n")));
        }
        Path m = mountPath(name);
        for (String s : later) {
            if (!clonesOf(name + "@" + s, List.of()).isEmpty()) {
                return Out.fail("cannot destroy '" + name + "@" + s + "': snapshot has dependent clones");
            }
        }
        later.forEach(d.snapshots::remove);
        if (m != null) {
            disk.clear(m, childMounts(name));
            disk.restore(m, d.snapshots.get(snap));
        }
        return Out.OK;
    }

    /** Options of one zfs subcommand: flags, options with values ({@code -o a -o b}), then operands. */
    record Args(Map<String, List<String>> options, List<String> operands) {

        static Args parse(List<String> argv, Set<String> withValue) {
            Map<String, List<String>> options = new LinkedHashMap<>();
            List<String> operands = new ArrayList<>();
            for (int i = 0; i < argv.size(); i++) {
                String w = argv.get(i);
                if (w.startsWith("-") && w.length() > 1 && operands.isEmpty()) {
                    for (int c = 1; c < w.length(); c++) {
                        String flag = String.valueOf(w.charAt(c));
                        if (withValue.contains(flag)) {
                            String value = c + 1 < w.length() ? w.substring(c + 1) : argv.get(++i);
                            options.computeIfAbsent(flag, k -> new ArrayList<>()).add(value);
                            break;
                        }
                        options.computeIfAbsent(flag, k -> new ArrayList<>());
                    }
                } else {
                    operands.add(w);
                }
            }
            return new Args(options, operands);
        }

        boolean has(String flag) {
            return options.containsKey(flag);
        }

        String value(String flag, String fallback) {
            List<String> values = options.get(flag);
            return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
        }

        List<String> values(String flag) {
            return options.getOrDefault(flag, List.of());
        }
    }
}
