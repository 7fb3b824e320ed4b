package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.jailsh.shell.Tables;

@Command(name = "releases", description = "List fetched and available releases; --remove deletes an unused one.")
public final class ReleasesCommand extends VerbCommand {

    @Option(names = "--remove", paramLabel = "RELEASE", description = "Remove a fetched release no jail uses.")
    String remove;

    @Option(names = {"-H", "-h"}, description = "No header; tab-separated.")
    boolean scriptable;

    @Override
    int run() {
        if (remove != null) {
            return show(jails().removeRelease(remove));
        }
        Tables.rows(output(), jails().releases(), scriptable);
        return 0;
    }
}
