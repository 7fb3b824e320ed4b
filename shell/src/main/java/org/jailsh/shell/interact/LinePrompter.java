package org.jailsh.shell.interact;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Asks through JLine on the REPL's terminal, with line editing. A reader of its own, without completion or history:
 * answers to a wizard are not shell lines and must not be recalled with the arrow keys.
 */
public final class LinePrompter implements Prompter {

    private final Terminal terminal;
    private LineReader reader;

    public LinePrompter(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public String ask(String question) {
        if (reader == null) {
            reader = LineReaderBuilder.builder().terminal(terminal).appName("jailsh")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
        }
        try {
            return reader.readLine(question);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void say(String line) {
        terminal.writer().println(line);
        terminal.writer().flush();
    }
}
