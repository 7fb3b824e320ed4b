package org.jailsh.shell;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import picocli.CommandLine;

import org.jailsh.shell.interact.HandOver;
import org.jailsh.shell.interact.StreamPrompter;

/** The {@code jailsh} command: one verb and exit, a Groovy snippet, or the REPL. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean interactive = System.console() != null;
        boolean color = interactive && System.getenv("NO_COLOR") == null;
        int code = run(args, System.in, System.out, System.err, interactive, color);
        System.exit(code);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        return run(args, in, out, err, interactive, interactive);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive,
                          boolean color) {
        Output output = new Output(out, err, color);
        ShellContext context = new ShellContext(output);
        context.terminal(interactive);
        if (interactive) {
            BufferedReader answers = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            context.interactive(new StreamPrompter(answers, err), HandOver.DIRECT);
        }
        return commandLine(context).execute(args);
    }

    /** The parser shared by the one-shot CLI and the REPL's iocage-style lines. */
    public static CommandLine commandLine(ShellContext context) {
        CommandLine cli = new CommandLine(new JailshCommand(context));
        Output output = context.output();
        cli.setOut(new PrintWriter(output.out(), true));
        cli.setErr(new PrintWriter(output.err(), true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> Errors.report(e, output, context.debug()));
        // iocage passes everything after the jail's name to the command: exec web ls -l
        cli.getSubcommands().get("exec").setStopAtPositional(true);
        cli.setParameterExceptionHandler((e, args) -> {
            output.error(e.getMessage().replaceFirst("^Error: ", ""));
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> near = unmatched.getSuggestions();
                if (!near.isEmpty()) {
                    output.err().println("did you mean " + String.join(", ", near) + "?");
                }
            }
            CommandLine sub = e.getCommandLine();
            String verb = sub.getCommandName().equals("jailsh") ? "" : " " + sub.getCommandName();
            output.err().println("see 'jailsh help" + verb + "'");
            return 2;
        });
        return cli;
    }
}
