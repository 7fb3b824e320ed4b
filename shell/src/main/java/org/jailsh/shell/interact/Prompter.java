package org.jailsh.shell.interact;

import java.util.Locale;

/**
 * Questions to a person at a terminal. The REPL asks through JLine, the one-shot CLI through plain streams, specs
 * through byte streams: the wizard and confirmations do not care which.
 */
public interface Prompter {

    /** The answer without its line end, or null when the person gave up (Ctrl-C, Ctrl-D, end of input). */
    String ask(String question);

    /** Text for the person, between questions. */
    void say(String line);

    /** Yes only for y or yes; anything else, and giving up, is no. */
    default boolean confirm(String question) {
        String answer = ask(question);
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
