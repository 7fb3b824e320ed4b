package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.jailsh.shell.Tables;

@Command(name = "list", description = "List jails: JID NAME STATE RELEASE IP4 (-l adds BOOT TYPE IP6 TEMPLATE BASEJAIL).")
public final class ListCommand extends VerbCommand {

    @Option(names = "-l", description = "Long listing.")
    boolean full;

    @Option(names = {"-H", "-h"}, description = "No header; tab-separated, for scripts.")
    boolean scriptable;

    @Option(names = "-t", description = "List templates instead of jails.")
    boolean templates;

    @Override
    int run() {
        Tables.jails(output(), jails().list(templates), full, scriptable);
        return 0;
    }
}
