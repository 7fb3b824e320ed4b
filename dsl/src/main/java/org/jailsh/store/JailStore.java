package org.jailsh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jailsh.model.JailNames;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.Reporter;
import org.jailsh.spi.ValidationException;

/**
 * The iocage-compatible state under IOCROOT: {@code jails/NAME/{config.json,config_backup.json,fstab,root}},
 * {@code templates/NAME}, {@code releases/REL/root}, {@code defaults.json}. Every write is atomic, and config.json is
 * copied to config_backup.json before it changes.
 */
public final class JailStore {

    private static final List<String> DIRECTORIES = List.of("download", "images", "jails", "log", "releases",
            "templates");

    private final IocRoot root;
    private final Reporter reporter;
    private Map<String, Object> defaults;

    public JailStore(IocRoot root, Reporter reporter) {
        this.root = root;
        this.reporter = reporter;
    }

    public IocRoot root() {
        return root;
    }

    /** Creates the layout and defaults.json when missing; called before the first change, never by read-only verbs. */
    public void ensureLayout() {
        try {
            for (String dir : DIRECTORIES) {
                Files.createDirectories(root.path().resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state root " + root.path() + ": " + e.getMessage(), e);
        }
        defaults = StoredJail.sharedDefaults(DefaultsFile.load(root, reporter, true));
    }

    public Map<String, Object> defaults() {
        if (defaults == null) {
            defaults = StoredJail.sharedDefaults(DefaultsFile.load(root, reporter, false));
        }
        return defaults;
    }

    /** Saves {@code set KEY=VALUE default}, keeping the previous file as defaults_backup.json like iocage. */
    public void writeDefaults(Map<String, Object> values) {
        ensureLayout();
        backup(root.defaultsFile(), root.path().resolve("defaults_backup.json"));
        IocageJson.write(root.defaultsFile(), values);
        defaults = null;
    }

    /** The names of every jail and template, without reading their configs. */
    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (Path dir : List.of(root.jails(), root.templates())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(Files::isDirectory).map(child -> child.getFileName().toString()).sorted()
                            .forEach(names::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
                }
            }
        }
        return names;
    }

    /** Every jail and template, sorted by name; a jail whose config cannot be read is returned as corrupt. */
    public List<StoredJail> list() {
        List<StoredJail> all = new ArrayList<>();
        Map<String, String> pending = pending().all(); // one directory listing, not a look-up per jail
        collect(root.jails(), false, pending, all);
        collect(root.templates(), true, pending, all);
        all.sort(Comparator.comparing(StoredJail::name));
        return all;
    }

    private void collect(Path dir, boolean templates, Map<String, String> pending, List<StoredJail> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).sorted()
                    .forEach(child -> {
                        String name = child.getFileName().toString();
                        into.add(read(name, child, templates, pending.get(name)));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private StoredJail read(String name, Path dir, boolean template) {
        return read(name, dir, template, pending().of(name).orElse(null));
    }

    private StoredJail read(String name, Path dir, boolean template, String pending) {
        Path config = dir.resolve("config.json");
        if (!Files.exists(config)) {
            return new StoredJail(name, dir, template, Map.of(), defaults(),
                    pending == null ? "config.json is missing" : null, pending);
        }
        try {
            Map<String, Object> own = IocageJson.read(config);
            String problem = ConfigShape.problem(own);
            if (problem != null) {
                throw new CorruptFileException(config, problem);
            }
            return new StoredJail(name, dir, template, own, defaults(), null, pending);
        } catch (CorruptFileException e) {
            return new StoredJail(name, dir, template, Map.of(), defaults(), pending == null ? e.getMessage() : null,
                    pending);
        }
    }

    /** Creates and destroys under way, or left unfinished by a jailsh that died. */
    public PendingChanges pending() {
        return new PendingChanges(root);
    }

    public Optional<StoredJail> find(String name) {
        for (boolean template : new boolean[] {false, true}) {
            Path dir = (template ? root.templates() : root.jails()).resolve(name);
            if (isJailDir(dir, name)) {
                return Optional.of(read(name, dir, template));
            }
        }
        return Optional.empty();
    }

    /** The directory is really named {@code name} (not reached through '..' or a symlink). */
    private static boolean isJailDir(Path dir, String name) {
        return !name.contains("/") && !name.equals("..") && !name.equals(".") && Files.isDirectory(dir)
                && !Files.isSymbolicLink(dir);
    }

    public StoredJail load(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("no jail named " + name, "see 'list'"));
    }

    /** Refuses a new name that exists, or collides with one because iocage treats '.' and '_' alike. */
    public void checkNewName(String name) {
        JailNames.check(name);
        String key = JailNames.collisionKey(name);
        for (String other : names()) {
            if (other.equals(name)) {
                throw new ValidationException("a jail named " + name + " already exists", "choose another name");
            }
            if (JailNames.collisionKey(other).equals(key)) {
                throw new ValidationException(name + " collides with the jail " + other,
                        "iocage treats '.' and '_' as the same character; choose another name");
            }
        }
    }

    /** Writes a jail's own values (thin config), backing up the old file first. */
    public void writeConfig(Path jailDir, Map<String, Object> own) {
        Path config = jailDir.resolve("config.json");
        backup(config, jailDir.resolve("config_backup.json"));
        IocageJson.write(config, own);
    }

    private static void backup(Path file, Path backup) {
        if (Files.exists(file)) {
            try {
                Path temp = backup.resolveSibling("." + backup.getFileName() + ".tmp");
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, backup, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot back up " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public Fstab fstab(StoredJail jail) {
        return Fstab.read(jail.fstabFile(), jail.root());
    }

    public JailLock lock(String name, String holder) {
        return JailLock.acquire(root.jailshDir().resolve("locks").resolve(name + ".lock"), holder, 10_000);
    }

    /** Fetched releases: directories under releases/ that have a root. */
    public List<String> releases() {
        if (!Files.isDirectory(root.releases())) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root.releases())) {
            return children.filter(p -> Files.isDirectory(p.resolve("root")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
