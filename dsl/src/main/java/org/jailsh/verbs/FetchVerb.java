package org.jailsh.verbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.jailsh.api.Session;
import org.jailsh.plan.Applier;
import org.jailsh.plan.Outcome;
import org.jailsh.plan.Plan;
import org.jailsh.plan.Step;
import org.jailsh.spi.Platform;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.ProviderUnavailableException;
import org.jailsh.spi.ReleaseProvider;
import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/** {@code fetch -r REL}: a release is fetched once into releases/REL/root and reused by every jail on it. */
public final class FetchVerb {

    private final Session session;

    public FetchVerb(Session session) {
        this.session = session;
    }

    /** iocage habit: {@code 13.2} means {@code 13.2-RELEASE} on FreeBSD. */
    public String normalise(String release) {
        String name = release.trim();
        if (session.facts().platform() == Platform.FREEBSD) {
            if (name.matches("\\d+\\.\\d+")) {
                return name + "-RELEASE";
            }
            return name.toUpperCase(Locale.ROOT);
        }
        return name;
    }

    public Outcome fetch(ReleaseRequest request) {
        Plan plan = new Plan(request.name(), null);
        ReleaseRequest normal = new ReleaseRequest(normalise(request.name()), request.url(), request.sha256());
        if (!isFetched(normal.name())) {
            plan.add(step(normal));
        } else {
            plan.notice(normal.name() + " is already fetched; jails created from it reuse it");
        }
        return new Applier(session).apply(plan, normal.name() + ": fetched");
    }

    public boolean isFetched(String release) {
        return Files.isDirectory(session.store().root().releaseRoot(release));
    }

    /** The step that fetches {@code request}, or a step that shows why no provider can. */
    public Step step(ReleaseRequest request) {
        checkName(request.name());
        String title = "fetch release " + request.name();
        try {
            ReleaseProvider provider = provider(request);
            java.nio.file.Path download = session.store().root().downloadDir(request.name());
            java.nio.file.Path root = session.store().root().releaseRoot(request.name());
            return Step.create(title + " (" + provider.id() + ")", "not fetched yet", ctx -> {
                session.registry().choose(ProviderKind.STORAGE, org.jailsh.spi.StorageProvider.class)
                        .ifPresent(storage -> storage.prepareRelease(download, root, ctx.providers()));
                provider.fetch(request, download, root, ctx.providers());
            });
        } catch (ProviderUnavailableException e) {
            return Step.impossible(title, e);
        }
    }

    static void checkName(String release) {
        if (!release.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new ValidationException("'" + release + "' is not a release name",
                    "use letters, digits, '.', '-' and '_', e.g. busybox, debian-12 or 13.2-RELEASE");
        }
    }

    private ReleaseProvider provider(ReleaseRequest request) {
        List<ReleaseProvider> usable = session.registry().usable(ProviderKind.RELEASE, ReleaseProvider.class);
        for (ReleaseProvider provider : usable) {
            if (provider.handles(request)) {
                return provider;
            }
        }
        if (usable.isEmpty()) {
            throw session.registry().unavailable(ProviderKind.RELEASE);
        }
        List<String> known = new ArrayList<>();
        usable.forEach(p -> known.addAll(p.available()));
        throw new ProviderUnavailableException("no release provider of the " + session.facts().platform().id()
                + " profile can fetch '" + request.name() + "'",
                "known here: " + String.join(", ", known) + "; or fetch -r NAME --url URL --sha256 HASH");
    }

    /** Fetched releases (with the jails on each) and those the providers could fetch. */
    public List<Map<String, Object>> releases() {
        List<StoredJail> jails = session.store().list();
        TreeSet<String> names = new TreeSet<>(session.store().releases());
        session.registry().usable(ProviderKind.RELEASE, ReleaseProvider.class).forEach(p -> names.addAll(p.available()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("fetched", isFetched(name));
            row.put("jails", usersOf(jails, name));
            rows.add(row);
        }
        return rows;
    }

    /** {@code releases --remove REL}: refused while any jail or template still uses it, naming them. */
    public Outcome remove(String release) {
        checkName(release);
        if (!isFetched(release)) {
            throw new ValidationException(release + " is not fetched", "see 'releases'");
        }
        List<String> users = usersOf(session.store().list(), release);
        if (!users.isEmpty()) {
            throw new ValidationException(release + " is still used by " + String.join(", ", users),
                    "destroy those jails first, or keep the release");
        }
        Plan plan = new Plan(release, null);
        plan.add(Step.remove("remove release " + release, "asked for", ctx -> {
            ctx.note("rm -r " + session.store().root().releases().resolve(release));
            if (!ctx.dryRun()) {
                SafeDelete.tree(session.store().root().releases().resolve(release));
            }
        }));
        return new Applier(session).apply(plan, release + ": removed");
    }

    private static List<String> usersOf(List<StoredJail> jails, String release) {
        return jails.stream().filter(j -> !j.isCorrupt())
                .filter(j -> release.equals(j.own().get("cloned_release")) || release.equals(j.own().get("release")))
                .map(StoredJail::name).toList();
    }
}
