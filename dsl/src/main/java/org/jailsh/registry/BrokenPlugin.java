package org.jailsh.registry;

/** A plugin or provider that could not be loaded or failed validation, and why; reported, then skipped. */
public record BrokenPlugin(String plugin, String problem) {
}
