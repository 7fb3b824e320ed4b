package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", description = "Snapshot a jail's own data: snapshot NAME [-n SNAPSHOT].")
public final class SnapshotCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Option(names = {"-n", "--name"}, paramLabel = "SNAPSHOT", description = "Default: the date and time.")
    String snapshot;

    @Override
    int run() {
        return show(jails().snapshot(jail, snapshot));
    }
}
