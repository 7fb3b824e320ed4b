package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "snaplist", description = "List a jail's snapshots.")
public final class SnaplistCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Override
    int run() {
        var snapshots = jails().snapshots(jail);
        if (output().json()) {
            output().printJson(snapshots);
        } else {
            snapshots.forEach(output()::line);
        }
        return 0;
    }
}
