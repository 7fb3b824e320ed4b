package org.jailsh.zfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostCommandException;
import org.jailsh.spi.ProviderContext;

/**
 * Every filesystem under {@code POOL/iocage} from one scoped listing (iocage.md §8.2: never all datasets of all
 * pools): {@code zfs list -H -o name,mountpoint,origin,exec -r -t filesystem POOL/iocage}. An absent
 * {@code POOL/iocage} gives an empty index.
 */
final class ZfsIndex {

    record Dataset(String name, String mountpoint, String origin, String exec) {

        boolean isClone() {
            return origin != null && origin.contains("@");
        }
    }

    private final Map<String, Dataset> datasets;

    private ZfsIndex(Map<String, Dataset> datasets) {
        this.datasets = datasets;
    }

    static ZfsIndex load(String pool, ProviderContext ctx) {
        ExecResult result = ctx.exec().run(Command.of("zfs", "list", "-H", "-o", "name,mountpoint,origin,exec", "-r",
                "-t", "filesystem", pool + "/iocage"));
        if (!result.ok()) {
            if (result.stderr().contains("does not exist")) {
                return new ZfsIndex(Map.of());
            }
            throw new HostCommandException(result);
        }
        Map<String, Dataset> found = new LinkedHashMap<>();
        for (String line : Datasets.lines(result.stdout())) {
            String[] f = line.split("\t");
            if (f.length >= 4) {
                found.put(f[0], new Dataset(f[0], f[1], f[2], f[3]));
            }
        }
        return new ZfsIndex(found);
    }

    boolean isEmpty() {
        return datasets.isEmpty();
    }

    boolean exists(String name) {
        return datasets.containsKey(name);
    }

    Optional<Dataset> get(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    /** {@code parent} and everything beneath it. */
    List<Dataset> within(String parent) {
        return datasets.values().stream().filter(d -> Datasets.within(d.name(), parent)).toList();
    }

    /** Filesystems outside {@code parent} that are clones of a snapshot inside it: they would die with it. */
    List<String> dependents(String parent) {
        List<String> dependents = new ArrayList<>();
        for (Dataset d : datasets.values()) {
            if (d.isClone() && !Datasets.within(d.name(), parent)
                    && Datasets.within(Datasets.datasetOf(d.origin()), parent)) {
                dependents.add(d.name());
            }
        }
        return dependents;
    }

    /** Names of the jails (or templates) found: children of {@code POOL/iocage/KIND}. */
    List<String> children(String pool, String kind) {
        String parent = pool + "/iocage/" + kind + "/";
        return datasets.keySet().stream().filter(n -> n.startsWith(parent))
                .map(n -> n.substring(parent.length())).filter(n -> !n.contains("/")).toList();
    }
}
