package org.jailsh.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import org.jailsh.api.Session;
import org.jailsh.shell.interact.LinePrompter;
import org.jailsh.shell.interact.TerminalHandOver;
import org.jailsh.shell.repl.ArgumentHints;
import org.jailsh.shell.repl.JailshHighlighter;
import org.jailsh.shell.repl.ReplParser;
import org.jailsh.shell.repl.Vocabulary;
import org.jailsh.spi.ProviderKind;

/**
 * The interactive shell: Groovy lines against one shared binding, iocage-style lines through the CLI's parser,
 * {@code /} meta commands. Multi-line input while brackets are open; Ctrl-C cancels the line or the running
 * operation, Ctrl-D leaves.
 */
public final class Repl {

    static final Set<String> META = Set.of("/help", "/exit", "/quit", "/providers", "/history");

    private final ShellContext context;
    private final Terminal given;

    public Repl(ShellContext context) {
        this(context, null);
    }

    public Repl(ShellContext context, Terminal terminal) {
        this.context = context;
        this.given = terminal;
    }

    public int run() {
        // JLine logs through java.util.logging; its notices would land on a user's stderr
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        try (Terminal terminal = given != null ? given
                : TerminalBuilder.builder().system(true).dumb(System.console() == null).build()) {
            boolean interactive = !Terminal.TYPE_DUMB.equals(terminal.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            if (interactive) {
                context.interactive(new LinePrompter(terminal), new TerminalHandOver(terminal));
            }
            return loop(reader(terminal, interactive), terminal, interactive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    private LineReader reader(Terminal terminal, boolean interactive) {
        Vocabulary words = new Vocabulary(context, () -> Cli.commandLine(context));
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("jailsh").parser(new ReplParser())
                .completer(new JailshCompleter(words))
                .highlighter(interactive ? new JailshHighlighter(words) : null)
                .history(new SecretHistory(() -> new org.jailsh.recipe.Recipes(context.jails(), context.output())
                        .secretNames()))
                .variable(LineReader.HISTORY_FILE, historyFile())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P  ... ")
                .variable(LineReader.INDENTATION, 2)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        if (interactive) {
            new ArgumentHints(words).install(reader);
        }
        return reader;
    }

    private static Path historyFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("jailsh").resolve("history");
    }

    private int loop(LineReader reader, Terminal terminal, boolean interactive) {
        if (interactive) {
            banner();
        }
        String prompt = interactive ? "jailsh> " : "";
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return 0;
            }
            String text = line.trim();
            if (text.isEmpty() || text.startsWith("//")) {
                continue;
            }
            if (text.equals("/exit") || text.equals("/quit") || text.equals("exit")) {
                return 0;
            }
            evaluateInterruptibly(terminal, text);
        }
    }

    /** Ctrl-C while a line runs interrupts it (a host command is killed), never the shell. */
    private void evaluateInterruptibly(Terminal terminal, String text) {
        Thread worker = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> worker.interrupt());
        try {
            evaluate(text);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted();
        }
    }

    void evaluate(String text) {
        try {
            if (text.startsWith("/")) {
                meta(text);
            } else if (CliLine.isCli(text)) {
                List<String> words = CliLine.words(text);
                String global = CliLine.globalOption(words);
                if (global != null) {
                    context.output().error(global + " applies to the whole shell, not to one line; start jailsh with "
                            + global + ", or use plan { … } to see a plan without changes");
                    return;
                }
                Cli.commandLine(context).execute(words.toArray(String[]::new));
            } else {
                new ResultPrinter(context.output()).print(context.runner().evaluate(text));
            }
        } catch (RuntimeException | LinkageError | AssertionError e) {
            Errors.report(e, context.output(), context.debug());
        }
    }

    private void meta(String text) {
        switch (text.split("\\s+")[0]) {
            case "/help" -> {
                String[] words = text.split("\\s+");
                if (words.length > 1) {
                    Cli.commandLine(context).execute("help", words[1]);
                } else {
                    Help.print(context.output(), Cli.commandLine(context));
                }
            }
            case "/providers" -> Cli.commandLine(context).execute("providers");
            case "/history" -> context.output().line("history is kept in " + historyFile());
            default -> context.output().error("unknown command " + text + "; the commands are "
                    + String.join(" ", META.stream().sorted().toList()));
        }
    }

    private void banner() {
        Session session = context.jails().session();
        Output out = context.output();
        out.line("jailsh " + Version.text() + " — " + session.facts().platform().id() + " profile, state in "
                + session.facts().stateRoot() + (session.facts().root() ? " (root)" : " (rootless)"));
        Map<ProviderKind, List<String>> chosen = session.registry().chosenIds();
        out.line("providers: " + chosen.entrySet().stream()
                .map(e -> e.getKey().label() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining(" · ")));
        out.line("type /help for help, Ctrl-D to leave");
    }
}
