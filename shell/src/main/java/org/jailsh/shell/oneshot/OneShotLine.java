package org.jailsh.shell.oneshot;

import java.util.List;
import java.util.Map;

/**
 * A one-shot command line as the one-shot parser read it: the shell options in the order given (each with its value,
 * or null for a flag), the verb, and the value of each of the verb's fields that the line sets.
 */
public record OneShotLine(List<Map.Entry<OneShotModel.Global, String>> shellOptions, OneShotModel.Verb verb,
                          Map<String, Object> fields) {
}
