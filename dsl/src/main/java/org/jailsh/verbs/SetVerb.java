package org.jailsh.verbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jailsh.api.Session;
import org.jailsh.model.IocageProperties;
import org.jailsh.model.Property;
import org.jailsh.model.ValueChecks;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.JailshException;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/** {@code set PROP=VALUE… NAME|default}: validated strictly, refused on a running jail when it needs a stop. */
public final class SetVerb {

    private final Session session;

    public SetVerb(Session session) {
        this.session = session;
    }

    public Outcome set(List<String> assignments, String target) {
        Map<String, String> raw = PropertyChanges.parseAssignments(assignments);
        if (raw.isEmpty()) {
            throw new ValidationException("nothing to set", "write set PROPERTY=VALUE NAME");
        }
        if ("default".equals(target)) {
            return setDefaults(raw);
        }
        String name = JailResolver.one(session.store(), target).name();
        Applier applier = new Applier(session);
        return applier.locked(name, "set", () -> {
            Plan plan = plan(session.store().load(name), raw);
            return applier.apply(plan, describe(plan));
        });
    }

    /** The plan for changing {@code raw} on {@code jail}; empty when nothing differs. */
    public Plan plan(StoredJail jail, Map<String, String> raw) {
        requireReadable(jail);
        Map<String, Object> effective = jail.effective();
        PropertyChanges changes = PropertyChanges.compute(jail.name(), effective, raw, false);
        Plan plan = new Plan(jail.name(), jail.name());
        changes.notices().forEach(plan::notice);
        if (changes.isEmpty()) {
            return plan;
        }
        refuseWhileRunning(jail, changes.changes());
        Map<String, Object> own = new TreeMap<>(jail.own());
        Map<String, Object> plain = new LinkedHashMap<>(changes.changes());
        Object template = plain.remove("template");
        if (!plain.isEmpty()) {
            own.putAll(plain);
            String list = plain.entrySet().stream()
                    .map(e -> e.getKey() + ": " + effective.get(e.getKey()) + " -> " + e.getValue())
                    .collect(Collectors.joining(", "));
            Map<String, Object> toWrite = new TreeMap<>(own);
            plan.add(Step.change("set " + list, "asked for", ctx -> ctx.writeConfig(jail.dir(), toWrite)));
        }
        if (template != null) {
            if (!ValueChecks.isYes(template)) {
                refuseWhileCloned(jail);
            }
            plan.add(templateStep(jail, own, ValueChecks.isYes(template)));
        }
        return plan;
    }

    /**
     * Clones of a template on storage that does not move templates itself (dir) name the template's directory in
     * their layers: moving it back to jails/ would leave them without a root.
     */
    private void refuseWhileCloned(StoredJail jail) {
        boolean storageMoves = session.registry().choose(ProviderKind.STORAGE, StorageProvider.class)
                .map(StorageProvider::movesTemplates).orElse(false);
        List<String> clones = session.store().list().stream()
                .filter(j -> jail.name().equals(j.own().get("source_template"))).map(StoredJail::name).toList();
        if (!storageMoves && !clones.isEmpty()) {
            throw new ValidationException(jail.name() + " is the template of " + String.join(", ", clones)
                    + "; it stays a template while they use it", "destroy those jails first");
        }
    }

    static void requireReadable(StoredJail jail) {
        if (jail.isIncomplete()) {
            throw new JailshException(jail.name() + " is incomplete: jailsh stopped part-way through its "
                    + jail.incomplete(), "see 'doctor', then repair with 'doctor --fix'");
        }
        if (jail.isCorrupt()) {
            throw new JailshException(jail.name() + " has a corrupt configuration: " + jail.corrupt(),
                    "fix " + jail.configFile() + " (a copy may be in config_backup.json) or destroy the jail");
        }
    }

    private void refuseWhileRunning(StoredJail jail, Map<String, Object> changes) {
        List<String> needStop = changes.keySet().stream()
                .filter(k -> IocageProperties.find(k).map(Property::needsStop).orElse(false)).toList();
        if (!needStop.isEmpty() && RunStates.of(session, jail).up()) {
            throw new ValidationException(String.join(", ", needStop) + " cannot change while " + jail.name()
                    + " is up", "stop " + jail.name() + " first (stop " + jail.name() + ")");
        }
    }

    /** template=yes moves jails/NAME to templates/NAME (as iocage renames the dataset); template=no moves it back. */
    private Step templateStep(StoredJail jail, Map<String, Object> own, boolean toTemplate) {
        Path target = (toTemplate ? session.store().root().templates() : session.store().root().jails())
                .resolve(jail.name());
        Map<String, Object> written = new TreeMap<>(own);
        written.put("template", toTemplate ? 1 : 0);
        written.put("type", toTemplate ? "template" : "jail");
        return Step.change("template: " + (toTemplate ? "0 -> 1" : "1 -> 0"),
                toTemplate ? "read-only source for 'create -t " + jail.name() + "'" : "back to an ordinary jail",
                ctx -> {
                    StorageProvider storage = JailStorage.of(session, jail).orElse(null);
                    boolean storageMoves = storage != null && storage.movesTemplates();
                    // zfs makes a template read-only (iocage.md §6), so its config is written while it is still a
                    // jail and moves with the dataset; back to a jail, it is written once the dataset is writable
                    boolean writeFirst = storageMoves && toTemplate;
                    if (writeFirst) {
                        ctx.writeConfig(jail.dir(), written);
                    }
                    try {
                        if (!storageMoves) {
                            ctx.note("move " + jail.dir() + " -> " + target);
                            if (!ctx.dryRun()) {
                                move(jail.dir(), target);
                            }
                        }
                        if (storage != null) {
                            storage.setTemplate(new StoredJail(jail.name(), target, toTemplate, written,
                                    jail.defaults(), null).ref(), toTemplate, ctx.providers());
                        }
                    } catch (RuntimeException e) {
                        if (writeFirst && !ctx.dryRun() && Files.isDirectory(jail.dir())) {
                            ctx.writeConfig(jail.dir(), new TreeMap<>(jail.own()));
                        }
                        throw e;
                    }
                    if (!writeFirst) {
                        ctx.writeConfig(ctx.dryRun() ? jail.dir() : target, written);
                    }
                });
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private Outcome setDefaults(Map<String, String> raw) {
        Map<String, Object> defaults = new TreeMap<>(session.store().defaults());
        Plan plan = new Plan("default", null);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            Property p = IocageProperties.require(e.getKey());
            if (p.jailOnly() || !p.settable()) {
                throw new ValidationException(p.name() + " cannot be set as a default", "set it on a jail instead");
            }
            Object value = p.parse("default", e.getValue());
            if (!String.valueOf(value).equals(String.valueOf(defaults.get(p.name())))) {
                Object old = defaults.put(p.name(), value);
                plan.add(Step.change("default " + p.name() + ": " + old + " -> " + value, "asked for", ctx -> { }));
            }
        }
        if (!plan.isEmpty()) {
            plan.add(Step.change("write " + session.store().root().defaultsFile(), "defaults changed", ctx -> {
                if (!ctx.dryRun()) {
                    session.store().writeDefaults(defaults);
                }
            }));
        }
        return new Applier(session).apply(plan, "default: updated");
    }

    private static String describe(Plan plan) {
        return plan.steps().stream().map(s -> plan.subject() + ": " + s.title()).collect(Collectors.joining("\n"));
    }
}
