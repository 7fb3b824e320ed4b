package org.jailsh.shell;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;

/**
 * picocli's side of the command line: the parser of every verb for the REPL, help, completion and the one-shot lines
 * the one-shot parser leaves (help, typos, anything unusual). Apart from {@link Main} so that a JVM that never needs
 * picocli never loads it: linking a class that mentions picocli's types loads picocli's largest class.
 */
public final class Cli {

    static {
        // picocli looks for groovy.lang.Closure (annotation values may be closures) and, finding Groovy on the class
        // path, initialises its whole runtime: about a third of a one-shot verb's start-up. No command uses closures.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    private Cli() {
    }

    /** Parses and runs a one-shot command line with picocli. */
    static int execute(ShellContext context, String[] args) {
        return commandLine(context, verb(args)).execute(args);
    }

    /** The verb a one-shot command line names: its first word that is neither a shell option nor an option's value. */
    public static String verb(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--root") || arg.equals("--platform") || arg.equals("-c")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** The parser shared by the one-shot CLI and the REPL's iocage-style lines, with every verb. */
    public static CommandLine commandLine(ShellContext context) {
        return commandLine(context, null);
    }

    /**
     * With a known verb other than help, the parser holds that verb alone: building every verb's model by reflection
     * is most of picocli's share of a one-shot start. Anything else (no verb, a typo, help) gets every verb, so help
     * lists them and a typo gets suggestions.
     */
    public static CommandLine commandLine(ShellContext context, String verb) {
        CommandLine cli = new CommandLine(new JailshCommand(context));
        Class<?> only = verb == null || verb.equals("help") ? null : JailshCommand.verbs().stream()
                .filter(c -> names(c).contains(verb)).findFirst().orElse(null);
        for (Class<?> type : only != null ? List.<Class<?>>of(only) : JailshCommand.verbs()) {
            cli.addSubcommand(new CommandLine(type));
        }
        Output output = context.output();
        cli.setOut(new PrintWriter(output.out(), true));
        cli.setErr(new PrintWriter(output.err(), true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> Errors.report(e, output, context.debug()));
        // iocage passes everything after the jail's name to the command: exec web ls -l
        CommandLine exec = cli.getSubcommands().get("exec");
        if (exec != null) {
            exec.setStopAtPositional(true);
        }
        if (only == null) {
            cli.addSubcommand("__complete", new CompleteCommand(context));
        }
        Help.decorate(cli);
        cli.setParameterExceptionHandler((e, args) -> {
            output.error(e.getMessage().replaceFirst("^Error: ", ""));
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                List<String> near = unmatched.getSuggestions();
                if (!near.isEmpty()) {
                    output.err().println("did you mean " + String.join(", ", near) + "?");
                }
            }
            CommandLine sub = e.getCommandLine();
            String which = sub.getCommandName().equals("jailsh") ? "" : " " + sub.getCommandName();
            output.err().println("see 'jailsh help" + which + "'");
            return 2;
        });
        return cli;
    }

    private static List<String> names(Class<?> verb) {
        CommandLine.Command command = verb.getAnnotation(CommandLine.Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(command.aliases()));
        names.add(command.name());
        return names;
    }
}
