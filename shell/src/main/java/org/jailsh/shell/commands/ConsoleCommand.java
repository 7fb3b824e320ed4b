package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "console", description = "A root shell in a running jail; exit returns here.")
public final class ConsoleCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Override
    int run() {
        // the REPL lends its terminal to the jail's shell and takes it back with its modes intact
        return context().handOver(() -> jails().console(jail));
    }
}
