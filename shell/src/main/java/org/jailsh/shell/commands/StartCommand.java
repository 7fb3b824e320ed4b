package org.jailsh.shell.commands;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "start", description = "Start jails (after the jails they depend on).")
public final class StartCommand extends VerbCommand {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Jails, or ALL.")
    List<String> names;

    @Override
    int run() {
        List<String> ordered = jails().ordered(Batch.expand(jails(), names), false);
        return Batch.each(output(), "start", ordered, j -> jails().start(j).forEach(output()::outcome));
    }
}
