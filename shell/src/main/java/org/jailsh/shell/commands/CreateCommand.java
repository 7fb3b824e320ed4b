package org.jailsh.shell.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jailsh.model.JailType;
import org.jailsh.shell.interact.CreateWizard;
import org.jailsh.shell.interact.NewJail;
import org.jailsh.shell.interact.Prompter;
import org.jailsh.model.ValueChecks;
import org.jailsh.spi.UsageException;
import org.jailsh.verbs.CreateRequest;
import org.jailsh.verbs.PropertyChanges;

@Command(name = "create", description = {"Create a jail: create -r RELEASE|-t TEMPLATE|-e -n NAME [-b|-T] [PROPERTY=VALUE…].",
        "Without arguments on a terminal: the Jail Wizard asks step by step."})
public final class CreateCommand extends VerbCommand {

    @Option(names = {"-r", "--release"}, paramLabel = "RELEASE", description = "Release to clone (fetched if needed).")
    String release;

    @Option(names = {"-t", "--template"}, paramLabel = "TEMPLATE", description = "Template to clone instead.")
    String template;

    @Option(names = {"-e", "--empty"}, description = "An empty jail, without a release.")
    boolean empty;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "The new jail's name.")
    String name;

    @Option(names = {"-b", "--basejail"}, description = "Basejail: the release's system directories read-only.")
    boolean basejail;

    @Option(names = {"-T", "--thickjail"}, description = "An independent copy of the release.")
    boolean thick;

    @Option(names = {"-C", "--thickconfig"}, description = "Write every property into config.json.")
    boolean thickConfig;

    @Parameters(paramLabel = "PROPERTY=VALUE")
    List<String> properties = new ArrayList<>();

    @Override
    int run() {
        if (name == null && release == null && template == null && !empty && properties.isEmpty()) {
            return wizard();
        }
        if (name == null) {
            throw new UsageException("create needs -n NAME", "e.g. create -r busybox -n web");
        }
        int sources = (release != null ? 1 : 0) + (template != null ? 1 : 0) + (empty ? 1 : 0);
        if (sources != 1) {
            throw new UsageException("create needs exactly one of -r RELEASE, -t TEMPLATE or -e",
                    "e.g. create -r busybox -n web");
        }
        if (basejail && thick) {
            throw new UsageException("-b and -T exclude each other", "choose a basejail (-b) or a thick jail (-T)");
        }
        JailType type = empty ? JailType.EMPTY : basejail ? JailType.BASEJAIL : thick ? JailType.THICK : JailType.CLONE;
        var assignments = PropertyChanges.parseAssignments(properties);
        show(jails().create(new CreateRequest(name, release, template, type, thickConfig, assignments, List.of())));
        // iocage starts a jail created with boot=on right away
        if (ValueChecks.isYes(assignments.get("boot")) && !context().dryRun()) {
            jails().start(name).forEach(output()::outcome);
        }
        return 0;
    }

    /** The seed's Jail Wizard when someone can answer; a usage error naming what is missing when nobody can. */
    private int wizard() {
        Prompter prompter = context().prompter().orElseThrow(() -> new UsageException(
                "create needs a name and a release (-n NAME and -r RELEASE, -t TEMPLATE or -e)",
                "e.g. create -r busybox -n web; on a terminal, create without arguments asks step by step"));
        Optional<NewJail> jail = new CreateWizard(prompter, jails()).ask();
        if (jail.isEmpty()) {
            output().err().println("create cancelled; nothing was changed");
            return 1;
        }
        return show(jails().create(jail.get().request()));
    }
}
