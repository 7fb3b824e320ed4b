package org.jailsh.spi.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;

/**
 * Changes nothing: records each command line and file write so a plan can show them. Commands "succeed" with the
 * output the {@code answers} function gives (empty by default), so providers can be walked through a whole operation.
 */
public final class DryRunHostExec implements HostExec {

    private final List<String> lines = new ArrayList<>();
    private final Function<Command, ExecResult> answers;

    public DryRunHostExec() {
        this(command -> new ExecResult(command, 0, "", ""));
    }

    public DryRunHostExec(Function<Command, ExecResult> answers) {
        this.answers = answers;
    }

    @Override
    public ExecResult run(Command command) {
        lines.add(command.display());
        return answers.apply(command);
    }

    @Override
    public void writeFile(Path path, String content) {
        lines.add("write " + path);
    }

    @Override
    public boolean dryRun() {
        return true;
    }

    /** What would have been done, in order; a copy. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Returns the lines recorded so far and forgets them, so each plan step shows only its own. */
    public List<String> drain() {
        List<String> copy = List.copyOf(lines);
        lines.clear();
        return copy;
    }
}
