package org.jailsh.shell.commands;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "update", description = "Apply patch updates within the jail's release (snapshot first).")
public final class UpdateCommand extends VerbCommand {

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Override
    int run() {
        return Batch.each(output(), "update", Batch.expand(jails(), names),
                j -> output().outcome(jails().update(j)));
    }
}
