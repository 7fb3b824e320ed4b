package org.jailsh.verbs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jailsh.api.Session;
import org.jailsh.model.IocageProperties;
import org.jailsh.spi.RunState;
import org.jailsh.store.StoredJail;

/** {@code get PROP NAME}, {@code get all NAME}: effective values, plus the derived {@code state} and {@code jid}. */
public final class GetVerb {

    private final Session session;

    public GetVerb(Session session) {
        this.session = session;
    }

    public Map<String, Object> all(String target) {
        StoredJail jail = JailResolver.one(session.store(), target);
        SetVerb.requireReadable(jail);
        Map<String, Object> values = new TreeMap<>(jail.effective());
        RunState run = RunStates.of(session, jail);
        values.put("state", run.label());
        values.put("jid", run.jid());
        if ("none".equals(values.get("last_started"))) {
            values.put("last_started", "never");
        }
        return values;
    }

    public Object get(String property, String target) {
        if (property.equals("all")) {
            return all(target);
        }
        if (!property.equals("state") && !property.equals("jid")) {
            IocageProperties.require(property);
        }
        Map<String, Object> values = all(target);
        return values.get(property);
    }

    /** Several properties of one jail, in the order asked. */
    public Map<String, Object> some(Iterable<String> properties, String target) {
        Map<String, Object> all = all(target);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String p : properties) {
            IocageProperties.require(p);
            out.put(p, all.get(p));
        }
        return out;
    }
}
