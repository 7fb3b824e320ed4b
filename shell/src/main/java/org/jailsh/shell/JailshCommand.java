package org.jailsh.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.jailsh.shell.commands.ActivateCommand;
import org.jailsh.shell.commands.ConsoleCommand;
import org.jailsh.shell.commands.CreateCommand;
import org.jailsh.shell.commands.DestroyCommand;
import org.jailsh.shell.commands.DoctorCommand;
import org.jailsh.shell.commands.ExecCommand;
import org.jailsh.shell.commands.FetchCommand;
import org.jailsh.shell.commands.FstabCommand;
import org.jailsh.shell.commands.GetCommand;
import org.jailsh.shell.commands.InfoCommand;
import org.jailsh.shell.commands.ListCommand;
import org.jailsh.shell.commands.ProvidersCommand;
import org.jailsh.shell.commands.RecipeCommand;
import org.jailsh.shell.commands.RecipesCommand;
import org.jailsh.shell.commands.ReleasesCommand;
import org.jailsh.shell.commands.RestartCommand;
import org.jailsh.shell.commands.RollbackCommand;
import org.jailsh.shell.commands.RunCommand;
import org.jailsh.shell.commands.SetCommand;
import org.jailsh.shell.commands.SnaplistCommand;
import org.jailsh.shell.commands.SnapshotCommand;
import org.jailsh.shell.commands.StartCommand;
import org.jailsh.shell.commands.StopCommand;
import org.jailsh.shell.commands.UpdateCommand;
import org.jailsh.shell.commands.UpgradeCommand;
import org.jailsh.spi.Platform;

/**
 * {@code jailsh [options] [VERB ARGS…]}: with a verb, runs it once (iocage's syntax); without one, opens the REPL;
 * with {@code -c}, evaluates a Groovy snippet.
 */
@Command(name = "jailsh", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Manage jails: an iocage-compatible shell, CLI and Groovy DSL.")
public final class JailshCommand implements Callable<Integer> {

    /**
     * Every verb, in help order. Not in {@code @Command(subcommands)}: picocli would reflect over all of them on every
     * start, and a one-shot verb needs only its own ({@link Cli#commandLine(ShellContext, String)}). In a holder
     * class, so the one-shot parser's runs, which make this command too, never load picocli's help command.
     */
    static List<Class<?>> verbs() {
        return Verbs.ALL;
    }

    private static final class Verbs {
        static final List<Class<?>> ALL = List.of(ListCommand.class, InfoCommand.class, GetCommand.class,
                SetCommand.class, CreateCommand.class, StartCommand.class, StopCommand.class, RestartCommand.class,
                ExecCommand.class, ConsoleCommand.class, FetchCommand.class, ReleasesCommand.class,
                UpdateCommand.class, UpgradeCommand.class, SnapshotCommand.class, SnaplistCommand.class,
                RollbackCommand.class, FstabCommand.class, DestroyCommand.class, ActivateCommand.class,
                ProvidersCommand.class, RunCommand.class, RecipesCommand.class, RecipeCommand.class,
                DoctorCommand.class, picocli.CommandLine.HelpCommand.class);
    }

    private final ShellContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "-c", paramLabel = "GROOVY", description = "Evaluate a Groovy snippet and exit.")
    String snippet;

    public JailshCommand(ShellContext context) {
        this.context = context;
    }

    public ShellContext context() {
        return context;
    }

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "State root (IOCROOT). Default: $JAILSH_ROOT, /var/lib/jailsh/iocage as root, "
                    + "else ~/.local/share/jailsh/iocage.")
    void root(Path root) {
        context.root(root);
    }

    @Option(names = "--platform", paramLabel = "linux|freebsd", scope = ScopeType.INHERIT,
            description = "Host profile; detected when not given.")
    void platform(String platform) {
        context.platform(Platform.parse(platform));
    }

    @Option(names = "--dry-run", scope = ScopeType.INHERIT,
            description = "Show the plan and its commands; change nothing.")
    void dryRun(boolean on) {
        context.dryRun(on);
    }

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for scripts.")
    void json(boolean on) {
        context.output().json(on);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    void debug(boolean on) {
        context.debug(on);
    }

    @Override
    public Integer call() {
        if (snippet != null) {
            return new SnippetRunner(context).run(snippet);
        }
        return new Repl(context).run();
    }
}
