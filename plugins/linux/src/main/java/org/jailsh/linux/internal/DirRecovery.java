package org.jailsh.linux.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jailsh.spi.HostExec;

/**
 * What the {@code dir} storage's multi-step changes leave when the process dies part-way, and how to mend it.
 * Rollback copies the snapshot to {@code .DATA.rollback}, renames the data to {@code .DATA.old}, renames the copy
 * into place, then removes the old data; a snapshot is copied to {@code snapshots/.NAME.partial} and renamed. The
 * copy is complete before the first rename, so once the data is gone the copy is what rollback meant to install.
 */
public record DirRecovery(DirLayout layout) {

    public Path rollbackCopy() {
        return sibling(".rollback");
    }

    public Path oldData() {
        return sibling(".old");
    }

    public static Path partialSnapshot(DirLayout layout, String snapshot) {
        return layout.snapshots().resolve("." + snapshot + ".partial");
    }

    public List<String> interrupted() {
        List<String> found = new ArrayList<>();
        boolean dataGone = !exists(layout.data());
        if (dataGone && exists(rollbackCopy()) && exists(oldData())) {
            found.add("a rollback stopped between its renames: the jail's data is in " + rollbackCopy());
        } else if (dataGone && exists(oldData())) {
            found.add("a rollback stopped part-way: the jail's data is in " + oldData());
        } else {
            if (exists(rollbackCopy())) {
                found.add("an unfinished rollback copy " + rollbackCopy());
            }
            if (exists(oldData())) {
                found.add("the old data of a finished rollback " + oldData());
            }
        }
        for (Path partial : partials()) {
            found.add("an unfinished snapshot copy " + partial);
        }
        return found;
    }

    public void recover(HostExec exec) {
        if (!exists(layout.data())) {
            Path whole = exists(rollbackCopy()) && exists(oldData()) ? rollbackCopy() : oldData();
            if (exists(whole)) {
                exec.check("mv", "-T", "--", whole.toString(), layout.data().toString());
            }
        }
        List<String> rest = new ArrayList<>();
        for (Path leftover : List.of(rollbackCopy(), oldData())) {
            if (exists(leftover) && !leftover.equals(layout.data())) {
                rest.add(leftover.toString());
            }
        }
        partials().forEach(p -> rest.add(p.toString()));
        if (!rest.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("rm", "-rf", "--one-file-system", "--"));
            argv.addAll(rest);
            exec.check(argv.toArray(String[]::new));
        }
    }

    private Path sibling(String suffix) {
        Path data = layout.data();
        return data.resolveSibling("." + data.getFileName() + suffix);
    }

    private List<Path> partials() {
        if (!Files.isDirectory(layout.snapshots(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(layout.snapshots())) {
            return entries.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".partial");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layout.snapshots() + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
