package org.jailsh.dsl;

import java.util.Map;
import java.util.Set;

import org.jailsh.model.Levenshtein;
import org.jailsh.spi.UsageException;

/** The second half of {@code mount '/src' to '/dst', readOnly: true}. */
public final class MountTarget {

    private static final Set<String> OPTIONS = Set.of("readOnly");

    private final JailContext context;
    private final String source;

    MountTarget(JailContext context, String source) {
        this.context = context;
        this.source = source;
    }

    public void to(String destination) {
        to(Map.of(), destination);
    }

    public void to(Map<String, ?> options, String destination) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                String near = OPTIONS.stream().filter(o -> Levenshtein.distance(o.toLowerCase(), key.toLowerCase()) <= 3)
                        .findFirst().map(o -> "did you mean " + o + "?").orElse("the options are: readOnly");
                throw new UsageException("mount has no option '" + key + "'", near);
            }
        }
        Object ro = options.get("readOnly");
        context.addMount(source, destination, ro != null && Boolean.parseBoolean(String.valueOf(ro)));
    }
}
