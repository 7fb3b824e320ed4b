package org.jailsh.verbs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jailsh.api.Session;
import org.jailsh.model.JailNames;
import org.jailsh.model.JailType;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.MountEntry;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.ProviderUnavailableException;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.RootSource;
import org.jailsh.spi.StorageProvider;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.Fstab;
import org.jailsh.store.PendingChanges;
import org.jailsh.store.StoredJail;

/**
 * {@code create -r REL|-t TEMPLATE|-e -n NAME [-b|-T] [prop=value…]}: storage first, then config.json and fstab.
 * A failure part-way destroys what was made, so no half-made jail is left behind.
 */
public final class CreateVerb {

    /** The Linux analogue of iocage's basejail nullfs set: the release's system directories, read-only. */
    static final List<String> LINUX_BASE_DIRS = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr");
    static final List<String> FREEBSD_BASE_DIRS = List.of("bin", "boot", "lib", "libexec", "rescue", "sbin",
            "usr/bin", "usr/include", "usr/lib", "usr/libexec", "usr/sbin", "usr/share", "usr/libdata", "usr/lib32");

    private final Session session;

    public CreateVerb(Session session) {
        this.session = session;
    }

    /** Planned and applied under the new name's lock, so two creates of one name cannot both pass the check. */
    public Outcome create(CreateRequest request) {
        JailNames.check(request.name());
        Applier applier = new Applier(session);
        return applier.locked(request.name(), "create", () -> applier.apply(plan(request), request.name() + ": created"));
    }

    public Plan plan(CreateRequest request) {
        String name = request.name();
        session.store().checkNewName(name);
        Source source = source(request);
        Path dir = session.store().root().jails().resolve(name);
        Map<String, Object> own = ownConfig(request, source);
        StoredJail draft = new StoredJail(name, dir, false, own, session.store().defaults(), null);
        PropertyChanges changes = PropertyChanges.compute(name, draft.effective(), request.properties(), false);
        own.putAll(changes.changes());
        if (own.containsKey("template")) {
            throw new ValidationException(name + ": template cannot be set at create",
                    "create the jail, then set template=yes " + name);
        }
        StoredJail jail = new StoredJail(name, dir, false, own, session.store().defaults(), null);
        List<MountEntry> mounts = new ArrayList<>(baseMounts(request.type(), source));
        for (MountEntry mount : request.mounts()) {
            mounts.add(MountRules.check(jail, mount, List.of()));
        }

        Plan plan = new Plan(name, name);
        changes.notices().forEach(plan::notice);
        if (request.type() != JailType.EMPTY && source.release != null && !source.template
                && !new FetchVerb(session).isFetched(source.release)) {
            plan.add(new FetchVerb(session).step(ReleaseRequest.named(source.release)));
        }
        plan.add(storageStep(jail, request.type(), source));
        Map<String, Object> toWrite = new TreeMap<>(own);
        if (request.thickConfig()) {
            toWrite = new TreeMap<>(jail.effective());
            toWrite.put("CONFIG_TYPE", "THICK");
        }
        Map<String, Object> config = toWrite;
        plan.add(Step.create("write config.json", "release " + own.get("release") + ", " + changes.changes().size()
                + " propert" + (changes.changes().size() == 1 ? "y" : "ies") + " set", ctx -> ctx.writeConfig(dir, config)));
        Fstab fstab = Fstab.read(dir.resolve("fstab"), jail.root());
        for (MountEntry mount : mounts) {
            fstab = fstab.with(mount);
        }
        Fstab finalFstab = fstab;
        plan.add(Step.create("write fstab" + (mounts.isEmpty() ? " (empty)" : " (" + mounts.size() + (mounts.size() == 1 ? " mount)" : " mounts)")),
                "mount points of the jail", ctx -> {
                    for (MountEntry mount : request.mounts()) {
                        MountRules.ensureSource(ctx, mount);
                    }
                    ctx.writeFstab(finalFstab, dir.resolve("fstab"));
                    if (!ctx.dryRun()) {
                        session.store().pending().clear(name);
                    }
                }));
        plan.onFailure(ctx -> new DestroyVerb(session).removeAll(jail, ctx));
        return plan;
    }

    private record Source(String release, String cloned, Path root, boolean template, String templateName) {
    }

    private Source source(CreateRequest request) {
        if (request.type() == JailType.EMPTY) {
            return new Source("EMPTY", "EMPTY", null, false, null);
        }
        if (request.template() != null) {
            StoredJail template = JailResolver.one(session.store(), request.template());
            if (!template.template()) {
                throw new ValidationException(template.name() + " is not a template",
                        "make it one first: set template=yes " + template.name());
            }
            SetVerb.requireReadable(template);
            return new Source(template.property("release"), template.property("cloned_release"), template.root(),
                    true, template.name());
        }
        if (request.release() == null || request.release().isBlank()) {
            throw new ValidationException(request.name() + ": a release is required",
                    "give -r RELEASE (see 'releases'), -t TEMPLATE or -e for an empty jail");
        }
        String release = new FetchVerb(session).normalise(request.release());
        FetchVerb.checkName(release);
        return new Source(release, release, session.store().root().releaseRoot(release), false, null);
    }

    private Map<String, Object> ownConfig(CreateRequest request, Source source) {
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("host_hostname", request.name().replace('_', '-'));
        own.put("host_hostuuid", request.name());
        own.put("release", source.release);
        own.put("cloned_release", source.cloned);
        own.put("jail_zfs_dataset", "iocage/jails/" + request.name() + "/data");
        own.put("type", "jail");
        if (source.template) {
            own.put("source_template", source.templateName);
        }
        if (request.type() == JailType.BASEJAIL) {
            own.put("basejail", 1);
        }
        if (request.type() == JailType.THICK) {
            own.remove("cloned_release");
        }
        return own;
    }

    private List<MountEntry> baseMounts(JailType type, Source source) {
        if (type != JailType.BASEJAIL) {
            return List.of();
        }
        boolean freebsd = session.facts().platform() == Platform.FREEBSD;
        List<MountEntry> mounts = new ArrayList<>();
        boolean fetched = Files.isDirectory(source.root);
        for (String dir : freebsd ? FREEBSD_BASE_DIRS : LINUX_BASE_DIRS) {
            Path src = source.root.resolve(dir);
            // merged-/usr releases have /bin as a symlink into usr: mounting /usr covers it
            if (!freebsd && fetched && !Files.isDirectory(src, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            mounts.add(new MountEntry(src.toString(), "/" + dir, "nullfs", "ro"));
        }
        return mounts;
    }

    private Step storageStep(StoredJail jail, JailType type, Source source) {
        // iocage's -b is a thick copy under its nullfs mounts (iocage.md §4.2: no dependency on the release's
        // snapshot); on Linux a basejail stays a clone, its system directories being mounted from the release anyway
        boolean freebsd = session.facts().platform() == Platform.FREEBSD;
        RootSource.Mode mode = switch (type) {
            case THICK -> RootSource.Mode.THICK;
            case EMPTY -> RootSource.Mode.EMPTY;
            case BASEJAIL -> freebsd ? RootSource.Mode.THICK : RootSource.Mode.CLONE;
            default -> RootSource.Mode.CLONE;
        };
        RootSource root = mode == RootSource.Mode.EMPTY ? RootSource.empty()
                : new RootSource(mode, source.template ? source.templateName : source.release, source.root,
                        source.template);
        String title = "create " + jail.name() + " (" + describe(type, source) + ")";
        try {
            StorageProvider storage = session.registry().require(ProviderKind.STORAGE, StorageProvider.class);
            return Step.create(title, "storage " + storage.id(), ctx -> {
                // until the last step clears it, the marker says the jail is not whole yet
                if (!ctx.dryRun()) {
                    session.store().pending().mark(jail.name(), PendingChanges.CREATE);
                }
                if (source.template) {
                    JailStorage.check(storage, source.templateName,
                            session.store().root().templates().resolve(source.templateName));
                }
                storage.create(jail.ref(), root, ctx.providers());
                if (!ctx.dryRun()) {
                    JailStorage.record(jail.dir(), storage);
                }
            });
        } catch (ProviderUnavailableException e) {
            return Step.impossible(title, e);
        }
    }

    private static String describe(JailType type, Source source) {
        String from = source.template ? "template " + source.templateName : source.release;
        return switch (type) {
            case CLONE -> "clone of " + from;
            case THICK -> "thick copy of " + from;
            case BASEJAIL -> "basejail on " + from;
            case EMPTY -> "empty";
        };
    }
}
