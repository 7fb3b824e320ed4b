package org.jailsh.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jailsh.spi.Availability;
import org.jailsh.spi.HostFacts;
import org.jailsh.spi.JailshPlugin;
import org.jailsh.spi.Provider;
import org.jailsh.spi.ProviderKind;
import org.jailsh.spi.ProviderUnavailableException;

/**
 * Every provider the plugins offer, validated once and probed against this host the first time its kind is asked
 * for. The constructor takes plain plugin objects (specs pass fakes); {@link PluginLoader} alone touches
 * ServiceLoader. The choice per kind is deterministic: an explicit preference, else the available provider with the
 * highest priority, ties broken by id.
 */
public final class ProviderRegistry {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final HostFacts facts;
    private final Map<ProviderKind, String> preferences;
    private final boolean planning;
    private final List<ProviderEntry> entries = new ArrayList<>();
    private final List<BrokenPlugin> broken = new ArrayList<>();

    /**
     * @param planning true for dry runs: providers of the profile that cannot work here may still be chosen,
     *                 because their commands are only shown (the FreeBSD profile on a Linux host).
     */
    public ProviderRegistry(Iterable<JailshPlugin> plugins, List<BrokenPlugin> loadErrors, HostFacts facts,
                            Map<ProviderKind, String> preferences, boolean planning) {
        this.facts = facts;
        this.preferences = Map.copyOf(preferences);
        this.planning = planning;
        this.broken.addAll(loadErrors);
        Set<String> seen = new HashSet<>();
        for (JailshPlugin plugin : plugins) {
            String name = safeName(plugin);
            collect(name, () -> plugin.storageProviders(), seen);
            collect(name, () -> plugin.runtimeProviders(), seen);
            collect(name, () -> plugin.networkProviders(), seen);
            collect(name, () -> plugin.releaseProviders(), seen);
            collect(name, () -> plugin.updateProviders(), seen);
        }
        entries.sort(Comparator.comparing((ProviderEntry e) -> e.provider().kind())
                .thenComparing(e -> -e.provider().priority()).thenComparing(ProviderEntry::id));
    }

    private static String safeName(JailshPlugin plugin) {
        try {
            return plugin.name();
        } catch (RuntimeException | LinkageError e) {
            return plugin.getClass().getName();
        }
    }

    private void collect(String plugin, Supplier<List<? extends Provider>> factory, Set<String> seen) {
        List<? extends Provider> providers;
        try {
            providers = factory.get();
        } catch (RuntimeException | LinkageError e) {
            broken.add(new BrokenPlugin(plugin, "failed to create its providers: " + describe(e)));
            return;
        }
        for (Provider provider : providers) {
            String problem = validate(provider, seen);
            if (problem != null) {
                broken.add(new BrokenPlugin(plugin, problem));
                continue;
            }
            entries.add(new ProviderEntry(provider, plugin, this::probe));
        }
    }

    private static String validate(Provider provider, Set<String> seen) {
        try {
            String id = provider.id();
            if (id == null || !ID.matcher(id).matches()) {
                return "provider " + provider.getClass().getName() + " has an invalid id '" + id
                        + "'; ids are lower-case words such as 'dir' or 'linux-ns'";
            }
            if (!seen.add(provider.kind() + "/" + id)) {
                return "duplicate " + provider.kind().label() + " provider id '" + id + "'; the first one is used";
            }
            if (provider.capabilities() == null || provider.capabilities().isEmpty()) {
                return provider.kind().label() + " provider '" + id + "' declares no capabilities";
            }
            if (provider.platforms() == null || provider.platforms().isEmpty()) {
                return provider.kind().label() + " provider '" + id + "' declares no platforms";
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "provider " + provider.getClass().getName() + " failed validation: " + describe(e);
        }
    }

    private Availability probe(Provider provider) {
        if (!provider.platforms().contains(facts.platform())) {
            return Availability.unavailable("not for the " + facts.platform().id() + " profile");
        }
        try {
            Availability availability = provider.probe(facts);
            return availability == null ? Availability.unavailable("its probe gave no answer") : availability;
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("its probe failed: " + describe(e));
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    public List<ProviderEntry> entries() {
        return List.copyOf(entries);
    }

    public List<BrokenPlugin> broken() {
        return List.copyOf(broken);
    }

    public HostFacts facts() {
        return facts;
    }

    /** Whether the provider's probe passed on this host (false for providers that can only plan here). */
    public boolean available(Provider provider) {
        return entries.stream().anyMatch(e -> e.provider() == provider && e.availability().available());
    }

    /** Providers of a kind that may be used here, best first: available ones before those that can only plan. */
    public <T extends Provider> List<T> usable(ProviderKind kind, Class<T> type) {
        String preferred = preferences.get(kind);
        return entries.stream()
                .filter(e -> e.provider().kind() == kind && type.isInstance(e.provider()))
                .filter(e -> e.availability().available()
                        || planning && e.provider().platforms().contains(facts.platform()))
                .sorted(Comparator.comparing((ProviderEntry e) -> !e.id().equals(preferred))
                        .thenComparing(e -> !e.availability().available()))
                .map(e -> type.cast(e.provider())).toList();
    }

    public <T extends Provider> Optional<T> choose(ProviderKind kind, Class<T> type) {
        String preferred = preferences.get(kind);
        List<T> usable = usable(kind, type);
        if (preferred != null && (usable.isEmpty() || !usable.get(0).id().equals(preferred))) {
            return Optional.empty();
        }
        return usable.stream().findFirst();
    }

    /** The chosen provider, or a clear error: which kind is missing for which profile, and why each candidate fails. */
    public <T extends Provider> T require(ProviderKind kind, Class<T> type) {
        return choose(kind, type).orElseThrow(() -> unavailable(kind));
    }

    public ProviderUnavailableException unavailable(ProviderKind kind) {
        String preferred = preferences.get(kind);
        List<String> reasons = new ArrayList<>();
        for (ProviderEntry e : entries) {
            if (e.provider().kind() == kind && !e.availability().available()) {
                reasons.add(e.id() + ": " + e.availability().reason());
            }
        }
        String message = preferred != null
                ? "the " + kind.label() + " provider '" + preferred + "' cannot be used on the " + facts.platform().id()
                        + " profile"
                : "no " + kind.label() + " provider for the " + facts.platform().id() + " profile"
                        + (reasons.isEmpty() ? " yet" : "");
        String hint = reasons.isEmpty() ? "install a plugin that provides one, or see 'providers'"
                : String.join("; ", reasons);
        return new ProviderUnavailableException(message, hint);
    }

    /** Per kind, the id that {@link #choose} picks, for start-up banners. */
    public Map<ProviderKind, List<String>> chosenIds() {
        Map<ProviderKind, List<String>> chosen = new EnumMap<>(ProviderKind.class);
        for (ProviderKind kind : ProviderKind.values()) {
            List<String> ids = usable(kind, Provider.class).stream().map(Provider::id).toList();
            if (!ids.isEmpty()) {
                chosen.put(kind, kind == ProviderKind.RELEASE ? ids : List.of(ids.get(0)));
            }
        }
        return chosen;
    }
}
