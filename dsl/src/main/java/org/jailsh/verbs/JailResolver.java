package org.jailsh.verbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jailsh.model.Levenshtein;
import org.jailsh.model.ValueChecks;
import org.jailsh.spi.NotFoundException;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.JailStore;
import org.jailsh.store.StoredJail;

/**
 * Turns what a user typed into jails: the exact name, else a unique prefix of one name (ambiguity lists the matches),
 * or {@code ALL} for every jail. Names are compared whole, never as a bare string prefix of a path, so asking for
 * {@code web} can never touch {@code web2}'s data.
 */
public final class JailResolver {

    private JailResolver() {
    }

    /** An exact name is read alone; only a prefix reads every jail's config (a start must not cost O(jails)). */
    public static StoredJail one(JailStore store, String query) {
        return one(store, query, store::list);
    }

    private static StoredJail one(JailStore store, String query, Supplier<List<StoredJail>> all) {
        if (query != null && !query.isBlank()) {
            Optional<StoredJail> exact = store.find(query);
            if (exact.isPresent()) {
                return exact.get();
            }
        }
        return one(all.get(), query);
    }

    static StoredJail one(List<StoredJail> all, String query) {
        if (query == null || query.isBlank()) {
            throw new ValidationException("a jail name is required", "see 'list' for the jails");
        }
        for (StoredJail jail : all) {
            if (jail.name().equals(query)) {
                return jail;
            }
        }
        List<StoredJail> matches = all.stream().filter(j -> j.name().startsWith(query)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new ValidationException("'" + query + "' matches several jails: "
                    + String.join(", ", matches.stream().map(StoredJail::name).toList()), "type more of the name");
        }
        List<String> near = all.stream().map(StoredJail::name)
                .filter(n -> Levenshtein.distance(n, query) <= 2).limit(3).toList();
        throw new NotFoundException("no jail named " + ValueChecks.printable(query),
                near.isEmpty() ? "see 'list' for the jails" : "did you mean " + String.join(", ", near) + "?");
    }

    /** Several queries, in order, without duplicates; {@code ALL} means every jail that is not a template. */
    public static List<StoredJail> many(JailStore store, List<String> queries) {
        // every jail read once, and only for ALL or a prefix: `start web db` reads two configs
        List<StoredJail> read = new ArrayList<>();
        Supplier<List<StoredJail>> all = () -> {
            if (read.isEmpty()) {
                read.addAll(store.list());
            }
            return read;
        };
        Map<String, StoredJail> chosen = new LinkedHashMap<>();
        for (String query : queries) {
            if (query.equals("ALL")) {
                all.get().stream().filter(j -> !j.template()).forEach(j -> chosen.putIfAbsent(j.name(), j));
            } else {
                StoredJail jail = one(store, query, all);
                chosen.putIfAbsent(jail.name(), jail);
            }
        }
        return new ArrayList<>(chosen.values());
    }
}
