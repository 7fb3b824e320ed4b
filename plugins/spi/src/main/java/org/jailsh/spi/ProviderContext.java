package org.jailsh.spi;

import java.nio.file.Path;

/** What the host hands a provider for one operation: the door to the OS, the host's facts, and a way to report. */
public record ProviderContext(HostExec exec, HostFacts facts, Reporter reporter) {

    public Path stateRoot() {
        return facts.stateRoot();
    }
}
