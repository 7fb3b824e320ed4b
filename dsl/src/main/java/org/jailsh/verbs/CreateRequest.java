package org.jailsh.verbs;

import java.util.List;
import java.util.Map;

import org.jailsh.model.JailType;
import org.jailsh.spi.MountEntry;

/**
 * What {@code create} (or a new {@code jail(…)} block) asks for: a name, a release or a template, the type, and the
 * properties and mounts to start with.
 */
public record CreateRequest(String name, String release, String template, JailType type, boolean thickConfig,
                            Map<String, String> properties, List<MountEntry> mounts) {

    public CreateRequest {
        properties = Map.copyOf(properties);
        mounts = List.copyOf(mounts);
    }
}
