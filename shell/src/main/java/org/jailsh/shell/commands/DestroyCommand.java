package org.jailsh.shell.commands;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jailsh.spi.UsageException;

@Command(name = "destroy", description = "Destroy jails with all their data and snapshots; asks unless -f.")
public final class DestroyCommand extends VerbCommand {

    @Option(names = {"-f", "--force"}, description = "Do not ask.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Override
    int run() {
        if (names.contains("ALL") && !force) {
            throw new UsageException("destroy ALL needs -f", "destroy -f ALL, if you really mean every jail");
        }
        return Batch.each(output(), "destroy", Batch.expand(jails(), names), this::destroyOne);
    }

    private void destroyOne(String jail) {
        if (!force && !context().dryRun()) {
            String warning = jails().destroyWarning(jail);
            if (!output().confirm(warning + " Destroy " + jail + "? [y/N] ")) {
                throw new UsageException(jail + ": not destroyed",
                        "answer y to destroy, or use destroy -f in scripts");
            }
        }
        output().outcome(jails().destroy(jail));
    }
}
