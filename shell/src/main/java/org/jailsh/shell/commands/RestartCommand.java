package org.jailsh.shell.commands;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restart", description = "Stop, then start jails.")
public final class RestartCommand extends VerbCommand {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Jails, or ALL.")
    List<String> names;

    @Override
    int run() {
        List<String> ordered = jails().ordered(Batch.expand(jails(), names), false);
        return Batch.each(output(), "restart", ordered, j -> jails().restart(j).forEach(output()::outcome));
    }
}
