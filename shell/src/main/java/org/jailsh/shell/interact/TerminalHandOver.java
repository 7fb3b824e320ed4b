package org.jailsh.shell.interact;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * The REPL's terminal lent to a child: JLine's input paused so that every key reaches the child, Ctrl-C and Ctrl-\
 * left to the child (the shell would otherwise interrupt the wait and kill it, or dump its threads), and the terminal
 * modes and foreground restored afterwards whatever the child left behind, so line editing at {@code jailsh>} works
 * again.
 */
public final class TerminalHandOver implements HandOver {

    private static final Terminal.Signal[] CHILDS = {Terminal.Signal.INT, Terminal.Signal.QUIT, Terminal.Signal.TSTP};

    private final Terminal terminal;

    public TerminalHandOver(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public int run(IntSupplier child) {
        Attributes saved = terminal.getAttributes();
        Map<Terminal.Signal, Terminal.SignalHandler> previous = new EnumMap<>(Terminal.Signal.class);
        terminal.writer().flush();
        terminal.pause();
        // a handler that does nothing, not SIG_IGN: an ignored signal would stay ignored in the child after exec
        for (Terminal.Signal signal : CHILDS) {
            previous.put(signal, terminal.handle(signal, s -> { }));
        }
        try {
            return child.getAsInt();
        } finally {
            ForegroundGroup.reclaim();
            previous.forEach(terminal::handle);
            terminal.setAttributes(saved);
            terminal.resume();
        }
    }
}
