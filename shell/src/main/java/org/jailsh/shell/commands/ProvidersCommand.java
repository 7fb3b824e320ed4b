package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.jailsh.shell.Tables;

@Command(name = "providers", description = "Providers found, their kind, whether they work here and why not.")
public final class ProvidersCommand extends VerbCommand {

    @Option(names = {"-H", "-h"}, description = "No header; tab-separated.")
    boolean scriptable;

    @Override
    int run() {
        Tables.rows(output(), jails().providers(), scriptable);
        return 0;
    }
}
