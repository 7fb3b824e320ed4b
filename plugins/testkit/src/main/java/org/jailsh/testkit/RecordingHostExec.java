package org.jailsh.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jailsh.spi.Command;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.HostExec;

/**
 * Records every command and file write; answers commands from canned outputs matched by argv prefix, in the order
 * they were given. Unmatched commands succeed with no output, or fail when {@link #strict()} was called.
 */
public final class RecordingHostExec implements HostExec {

    private final List<Command> commands = new ArrayList<>();
    private final Map<Path, String> writes = new LinkedHashMap<>();
    private final List<Answer> answers = new ArrayList<>();
    private boolean strict;

    private record Answer(Predicate<List<String>> matches, int exit, String stdout, String stderr) {
    }

    /** Commands starting with {@code argvPrefix} print {@code stdout} and exit 0. */
    public RecordingHostExec answer(List<String> argvPrefix, String stdout) {
        return answer(argvPrefix, 0, stdout, "");
    }

    public RecordingHostExec answer(List<String> argvPrefix, int exit, String stdout, String stderr) {
        answers.add(new Answer(argv -> argv.size() >= argvPrefix.size()
                && argv.subList(0, argvPrefix.size()).equals(argvPrefix), exit, stdout, stderr));
        return this;
    }

    /** From now on a command without a canned answer fails (exit 127), so a spec notices an unexpected call. */
    public RecordingHostExec strict() {
        strict = true;
        return this;
    }

    @Override
    public ExecResult run(Command command) {
        commands.add(command);
        for (Answer answer : answers) {
            if (answer.matches().test(command.argv())) {
                return new ExecResult(command, answer.exit(), answer.stdout(), answer.stderr());
            }
        }
        return strict ? new ExecResult(command, 127, "", "no canned answer for " + command.display())
                : new ExecResult(command, 0, "", "");
    }

    @Override
    public void writeFile(Path path, String content) {
        writes.put(path, content);
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Each command as one display line, for comparing against documented sequences. */
    public List<String> lines() {
        return commands.stream().map(Command::display).toList();
    }

    public Map<Path, String> writes() {
        return Map.copyOf(writes);
    }
}
