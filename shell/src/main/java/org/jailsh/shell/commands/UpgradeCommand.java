package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", description = "Upgrade a jail to a new release: upgrade NAME -r RELEASE (snapshot first).")
public final class UpgradeCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Option(names = {"-r", "--release"}, required = true, paramLabel = "RELEASE")
    String release;

    @Override
    int run() {
        return show(jails().upgrade(jail, release));
    }
}
