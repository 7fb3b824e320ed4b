package org.jailsh.shell.interact;

import java.util.function.IntSupplier;

/**
 * Lends the terminal to a child process ({@code console}, interactive {@code exec}) and takes it back intact. The
 * one-shot CLI has nothing to save; the REPL's JLine terminal does ({@link TerminalHandOver}).
 */
@FunctionalInterface
public interface HandOver {

    HandOver DIRECT = IntSupplier::getAsInt;

    /** Runs {@code child}, which uses the terminal, and returns its exit code. */
    int run(IntSupplier child);
}
