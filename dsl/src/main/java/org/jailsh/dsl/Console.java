package org.jailsh.dsl;

import org.jailsh.plan.Outcome;

/** Where DSL verbs report: the shell prints to the terminal, specs collect lines. */
public interface Console {

    void outcome(Outcome outcome);

    void line(String text);

    /** Asks a yes/no question; a console that cannot ask answers no, so nothing is destroyed unasked. */
    default boolean confirm(String question) {
        return false;
    }

    /** Output a command printed inside a jail, passed through as it came. */
    default void raw(String text) {
        line(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }
}
