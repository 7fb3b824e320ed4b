package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "console", description = "A root shell in a running jail; exit returns here.")
public final class ConsoleCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Override
    int run() {
        return jails().console(jail);
    }
}
