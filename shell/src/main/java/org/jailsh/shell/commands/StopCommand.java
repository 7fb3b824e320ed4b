package org.jailsh.shell.commands;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stop", description = "Stop jails.")
public final class StopCommand extends VerbCommand {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Jails, or ALL.")
    List<String> names;

    @Override
    int run() {
        List<String> ordered = jails().ordered(Batch.expand(jails(), names), true);
        return Batch.each(output(), "stop", ordered, j -> output().outcome(jails().stop(j)));
    }
}
