package org.jailsh.shell;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.jailsh.shell.interact.HandOver;
import org.jailsh.shell.interact.StreamPrompter;
import org.jailsh.shell.oneshot.OneShotLine;
import org.jailsh.shell.oneshot.OneShotParser;
import org.jailsh.shell.oneshot.OneShotRunner;

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
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli prints for it, without building picocli's model (scripts ask for it often)
            output.out().println("jailsh " + Version.text());
            return 0;
        }
        try {
            OneShotLine line = OneShotParser.parse(args);
            Integer code = line == null ? null : OneShotRunner.run(line, context);
            return code != null ? code : Cli.execute(context, args);
        } catch (AssertionError e) {
            // picocli hands only Exceptions to its handler: a Groovy assert in -c, run or a recipe arrives here
            return Errors.report(e, output, context.debug());
        }
    }

}
