package org.jailsh.verbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jailsh.api.Session;
import org.jailsh.model.ValueChecks;
import org.jailsh.plan.ApplyContext;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.RuntimeProvider;
import org.jailsh.spi.StorageProvider;
import org.jailsh.store.CorruptFileException;
import org.jailsh.store.IocageJson;
import org.jailsh.store.JailLock;
import org.jailsh.store.PendingChanges;
import org.jailsh.store.StoredJail;

/**
 * {@code doctor [--fix]}: what a jailsh that died part-way left behind — incomplete jails (a create or destroy that did
 * not finish), storage work a kill interrupted (a rollback, a snapshot), a template change cut short, unreadable configs, temporary files of interrupted writes, stale lock files, and mounts under the state
 * root of jails that are not running. Only reports unless asked to fix; never touches a jail another jailsh holds.
 * What it cannot repair safely (a config with no readable backup, a missing root) is reported for a person to decide.
 */
public final class DoctorVerb {

    /** One problem; {@code repair} is null when only a person can decide what to do. */
    public record Finding(String subject, String problem, String repair) {
    }

    private record Problem(Finding finding, Step.Action action) {
    }

    private static final List<String> STATE_FILES = List.of("config.json", "config_backup.json", "fstab",
            "defaults.json", "defaults_backup.json");

    private final Session session;

    public DoctorVerb(Session session) {
        this.session = session;
    }

    public List<Finding> check() {
        return problems().stream().map(Problem::finding).toList();
    }

    /** Repairs what can be repaired, one step each; what is left is reported by a later {@link #check}. */
    public Outcome fix() {
        Plan plan = new Plan("doctor", null);
        for (Problem p : problems()) {
            if (p.action() != null) {
                String title = p.finding().subject() + ": " + p.finding().repair();
                plan.add(Step.remove(title, p.finding().problem(), ctx -> {
                    if (!ctx.dryRun()) {
                        p.action().apply(ctx);
                    }
                }));
            }
        }
        return new Applier(session).apply(plan, "doctor: repaired " + plan.steps().size() + " problem"
                + (plan.steps().size() == 1 ? "" : "s"));
    }

    private List<Problem> problems() {
        List<Problem> found = new ArrayList<>();
        Map<String, String> pending = session.store().pending().all();
        for (Map.Entry<String, String> e : pending.entrySet()) {
            if (held(e.getKey()).isEmpty()) {
                incomplete(e.getKey(), e.getValue(), found);
            }
        }
        for (StoredJail jail : session.store().list()) {
            if (!pending.containsKey(jail.name()) && held(jail.name()).isEmpty()) {
                damaged(jail, storageWork(jail, found), found);
                templateFlag(jail, found);
                tempFiles(jail.name(), jail.dir(), found);
                mounts(jail, found);
            }
        }
        tempFiles("state root", session.store().root().path(), found);
        tempFiles("pending changes", session.store().root().jailshDir().resolve("pending"), found);
        staleLocks(found);
        return found;
    }

    private void incomplete(String name, String change, List<Problem> found) {
        Optional<StoredJail> jail = session.store().find(name);
        if (jail.isEmpty()) {
            found.add(new Problem(new Finding(name, "marker of an interrupted " + change + " with no jail left",
                    "remove the marker"), ctx -> session.store().pending().clear(name)));
            return;
        }
        String what = change.equals(PendingChanges.CREATE) ? "remove the half-made jail" : "finish destroying it";
        found.add(new Problem(new Finding(name, "incomplete: jailsh stopped part-way through its " + change, what),
                ctx -> locked(name, () -> {
                    // looked at again under the lock: another jailsh may have destroyed and recreated it meanwhile
                    Optional<StoredJail> now = session.store().find(name);
                    if (now.isPresent() && now.get().isIncomplete()) {
                        remove(now.get(), ctx);
                    }
                })));
    }

    /** What an interrupted create or destroy left: processes, mounts, storage, directory, marker — in that order. */
    private void remove(StoredJail jail, ApplyContext ctx) {
        session.registry().choose(ProviderKind.RUNTIME, RuntimeProvider.class).ifPresent(runtime -> {
            if (runtime.state(jail.ref(), ctx.providers()).up()) {
                runtime.stop(jail.ref(), ctx.providers());
            }
        });
        unmount(jail.dir(), ctx);
        new DestroyVerb(session).removeAll(jail, ctx);
    }

    /** Work of the storage that a kill interrupted: a rollback between its renames, a half-copied snapshot. */
    private boolean storageWork(StoredJail jail, List<Problem> found) {
        Optional<StorageProvider> storage = session.registry().choose(ProviderKind.STORAGE, StorageProvider.class);
        if (jail.isCorrupt() || storage.isEmpty()) {
            return false;
        }
        List<String> work = storage.get().interrupted(jail.ref(), session.providerContext());
        if (work.isEmpty()) {
            return false;
        }
        found.add(new Problem(new Finding(jail.name(), String.join("; ", work), "recover the jail's data"),
                ctx -> locked(jail.name(), () -> storage.get().recover(jail.ref(), ctx.providers()))));
        return true;
    }

    private void damaged(StoredJail jail, boolean storageWork, List<Problem> found) {
        if (jail.isCorrupt()) {
            Path backup = jail.dir().resolve("config_backup.json");
            Map<String, Object> saved = readable(backup);
            found.add(saved == null
                    ? new Problem(new Finding(jail.name(), jail.corrupt() + "; no readable config_backup.json", null),
                            null)
                    : new Problem(new Finding(jail.name(), jail.corrupt(), "restore config.json from its backup"),
                            ctx -> locked(jail.name(), () -> {
                                if (session.store().find(jail.name()).map(StoredJail::isCorrupt).orElse(false)) {
                                    IocageJson.write(jail.configFile(), saved);
                                }
                            })));
        } else if (!storageWork && !Files.isDirectory(jail.root())) {
            found.add(new Problem(new Finding(jail.name(), "its root directory " + jail.root() + " is missing", null),
                    null));
        }
    }

    /**
     * A {@code set template=yes|no} on storage that does not move templates itself renames the jail's directory, then
     * writes its config: a kill between the two leaves a jail in templates/ whose config says it is not a template,
     * or the other way round. The directory's place is what was done last, so the config is brought in line with it.
     */
    private void templateFlag(StoredJail jail, List<Problem> found) {
        if (!misplaced(jail)) {
            return;
        }
        String place = jail.template() ? "templates/" : "jails/";
        found.add(new Problem(new Finding(jail.name(), "in " + place + " but its config says template="
                + (jail.template() ? "0" : "1") + " (a template change cut short)",
                "record template=" + (jail.template() ? "1" : "0") + " in its config"),
                ctx -> locked(jail.name(), () -> session.store().find(jail.name()).filter(DoctorVerb::misplaced)
                        .ifPresent(now -> {
                            Map<String, Object> written = new TreeMap<>(now.own());
                            written.put("template", now.template() ? 1 : 0);
                            written.put("type", now.template() ? "template" : "jail");
                            ctx.writeConfig(now.dir(), written);
                        }))));
    }

    /** The directory's place (jails/ or templates/) and the config's template flag disagree. */
    private static boolean misplaced(StoredJail jail) {
        return !jail.isCorrupt() && jail.template() != ValueChecks.isYes(jail.own().get("template"));
    }

    private static Map<String, Object> readable(Path file) {
        try {
            return Files.isRegularFile(file) ? IocageJson.read(file) : null;
        } catch (CorruptFileException e) {
            return null;
        }
    }

    /**
     * Temporary files of atomic writes that never reached their rename: {@code .config.json.123.tmp} and the like, and
     * in {@code .jailsh/pending} those of markers.
     */
    private void tempFiles(String subject, Path dir, List<Problem> found) {
        for (Path temp : list(dir)) {
            String name = temp.getFileName().toString();
            boolean marker = dir.endsWith("pending") && name.startsWith(".");
            if (name.endsWith(".tmp") && (marker || STATE_FILES.stream().anyMatch(f -> name.startsWith("." + f + ".")))) {
                found.add(new Problem(new Finding(subject, "unfinished write " + temp, "remove it"),
                        ctx -> delete(temp)));
            }
        }
    }

    /** Overlay and bind mounts in this mount namespace under a jail that is not running (its runtime mounts privately). */
    private void mounts(StoredJail jail, List<Problem> found) {
        List<String> mounted = SafeDelete.mountsUnder(jail.root());
        if (mounted.isEmpty() || RunStates.of(session, jail).up()) {
            return;
        }
        found.add(new Problem(new Finding(jail.name(), "not running, but mounted: " + String.join(", ", mounted),
                "unmount them"), ctx -> locked(jail.name(), () -> unmount(jail.dir(), ctx))));
    }

    private void unmount(Path dir, ApplyContext ctx) {
        List<String> mounted = new ArrayList<>(SafeDelete.mountsUnder(dir.toAbsolutePath().normalize()));
        mounted.sort(Comparator.comparing(String::length).reversed());
        for (String mount : mounted) {
            ctx.exec().check("umount", "--", mount);
        }
    }

    /**
     * Lock files nobody holds that still name a process: it died holding them. Harmless to the next jailsh (the OS
     * dropped the lock), but misleading to a person reading them; cleared by taking and releasing the lock. An empty
     * lock file is how every lock ends; lock files are never deleted (see JailLock).
     */
    private void staleLocks(List<Problem> found) {
        for (Path file : list(session.store().root().jailshDir().resolve("locks"))) {
            String name = file.getFileName().toString();
            String left = read(file);
            if (!name.endsWith(".lock") || name.startsWith(".") || left.isEmpty()
                    || JailLock.holder(file).isPresent()) {
                continue;
            }
            String jail = name.substring(0, name.length() - ".lock".length());
            found.add(new Problem(new Finding(jail, "stale lock left by " + left + ", which is gone", "clear it"),
                    ctx -> locked(jail, () -> { })));
        }
    }

    private Optional<String> held(String jail) {
        return JailLock.holder(session.store().root().jailshDir().resolve("locks").resolve(jail + ".lock"));
    }

    /** Repairs run under the jail's lock, so a jailsh that starts meanwhile waits instead of racing the repair. */
    private void locked(String jail, Runnable repair) {
        try (JailLock lock = session.store().lock(jail, "jailsh doctor --fix")) {
            repair.run();
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
