package org.jailsh.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.jailsh.api.Jails;
import org.jailsh.api.JailshOptions;
import org.jailsh.dsl.DslVerbs;
import org.jailsh.dsl.ScriptRunner;
import org.jailsh.shell.interact.HandOver;
import org.jailsh.shell.interact.Prompter;
import org.jailsh.spi.Platform;
import org.jailsh.spi.Reporter;

/**
 * One shell's state: the global options, the output, and — made on first use — the facade and the Groovy runner.
 * The REPL keeps one for its whole life, so CLI-style lines and Groovy lines share jails, providers and variables.
 */
public final class ShellContext {

    private final Output output;
    private Path root;
    private Platform platform;
    private boolean dryRun;
    private boolean debug;
    private List<Path> pluginDirs = List.of();
    private Jails jails;
    private ScriptRunner runner;
    private Prompter prompter;
    private HandOver handOver = HandOver.DIRECT;
    private boolean terminal = System.console() != null;

    public ShellContext(Output output) {
        this.output = output;
    }

    public Output output() {
        return output;
    }

    public void root(Path value) {
        root = value;
    }

    public void platform(Platform value) {
        platform = value;
    }

    public void dryRun(boolean value) {
        dryRun = value;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public void debug(boolean value) {
        debug = value;
    }

    public boolean debug() {
        return debug;
    }

    public void pluginDirs(List<Path> dirs) {
        pluginDirs = List.copyOf(dirs);
    }

    /**
     * A person can be asked: the REPL on a terminal, or the one-shot CLI with a terminal on stdin. Confirmations go
     * through the same prompter, so the REPL asks with JLine instead of reading under its feet.
     */
    public void interactive(Prompter asking, HandOver terminalHandOver) {
        prompter = asking;
        handOver = terminalHandOver;
        output.asker(asking::confirm);
    }

    /** Who can be asked; empty when nobody can (pipes, scripts, CI). */
    public Optional<Prompter> prompter() {
        return Optional.ofNullable(prompter);
    }

    /** Runs a child that uses the terminal (console, interactive exec) and gives the terminal back intact. */
    public int handOver(IntSupplier child) {
        return handOver.run(child);
    }

    /** Whether progress may be drawn in place: the error stream is a terminal. */
    public void terminal(boolean on) {
        terminal = on;
    }

    public Jails jails() {
        if (jails == null) {
            Reporter reporter = new Reporter() {
                // made at the first progress: verbs without any (list, get…) never load the progress bar library
                private ProgressBars bars;

                @Override
                public void info(String message) {
                    endBar();
                    output.err().println(message);
                }

                @Override
                public void warn(String message) {
                    endBar();
                    output.warn(message);
                }

                @Override
                public void progress(String task, long done, long total) {
                    if (bars == null) {
                        bars = new ProgressBars(output.err(), terminal, 80);
                    }
                    bars.update(task, done, total);
                }

                private void endBar() {
                    if (bars != null) {
                        bars.finish();
                    }
                }
            };
            JailshOptions options = JailshOptions.defaults(reporter).withRoot(root).withPlatform(platform)
                    .withDryRun(dryRun).withPluginDirs(pluginDirs);
            jails = Jails.open(options);
        }
        return jails;
    }

    public ScriptRunner runner() {
        if (runner == null) {
            runner = new ScriptRunner(new DslVerbs(jails(), output));
        }
        return runner;
    }
}
