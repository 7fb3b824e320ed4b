package org.jailsh.verbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jailsh.api.Session;
import org.jailsh.registry.BrokenPlugin;
import org.jailsh.registry.ProviderEntry;
import org.jailsh.spi.Provider;
import org.jailsh.spi.ProviderKind;

/** {@code providers}: each provider, its kind, whether it works here (and why not), and the plugins that broke. */
public final class ProvidersVerb {

    private final Session session;

    public ProvidersVerb(Session session) {
        this.session = session;
    }

    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ProviderEntry e : session.registry().entries()) {
            Provider p = e.provider();
            boolean chosen = session.registry().choose(p.kind(), Provider.class)
                    .map(c -> c.id().equals(p.id())).orElse(false) || p.kind() == ProviderKind.RELEASE
                    && e.availability().available();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", p.kind().label());
            row.put("id", p.id());
            row.put("status", chosen ? "in use" : e.availability().available() ? "available" : "unavailable");
            row.put("capabilities", String.join(",", new TreeSet<>(p.capabilities())));
            row.put("plugin", e.plugin());
            row.put("reason", e.availability().reason());
            rows.add(row);
        }
        for (BrokenPlugin b : session.registry().broken()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", "-");
            row.put("id", "-");
            row.put("status", "broken");
            row.put("capabilities", "");
            row.put("plugin", b.plugin());
            row.put("reason", b.problem());
            rows.add(row);
        }
        return rows;
    }
}
