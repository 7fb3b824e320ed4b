package org.jailsh.verbs;

import java.util.List;
import java.util.Map;

import org.jailsh.model.JailType;
import org.jailsh.spi.MountEntry;

/**
 * What a {@code jail('web') { … }} block declares: the desired state, without side effects. The planner compares it
 * with what is stored and plans only the difference.
 */
public record JailSpec(String name, String release, String template, JailType type, Map<String, String> properties,
                       List<MountEntry> mounts) {

    public JailSpec {
        properties = Map.copyOf(properties);
        mounts = List.copyOf(mounts);
    }
}
