package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "activate", description = "Keep jails on this ZFS pool (needs the zfs storage provider).")
public final class ActivateCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "POOL")
    String pool;

    @Override
    int run() {
        return show(jails().activate(pool));
    }
}
