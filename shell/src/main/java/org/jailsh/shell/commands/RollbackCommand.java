package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = "Roll a stopped jail back to a snapshot: rollback NAME -n SNAPSHOT.")
public final class RollbackCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Option(names = {"-n", "--name"}, required = true, paramLabel = "SNAPSHOT")
    String snapshot;

    @Override
    int run() {
        return show(jails().rollback(jail, snapshot));
    }
}
