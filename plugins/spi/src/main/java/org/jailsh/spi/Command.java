package org.jailsh.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One host command as an argv list: never a shell string built from user input. {@code interactive} hands the
 * user's terminal to the command (console); otherwise output is captured.
 */
public record Command(List<String> argv, Map<String, String> env, Path workDir, String stdin, boolean interactive) {

    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), Map.of(), null, null, false);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), null, null, false);
    }

    public Command withEnv(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(key, value);
        return new Command(argv, copy, workDir, stdin, interactive);
    }

    public Command withStdin(String input) {
        return new Command(argv, env, workDir, input, interactive);
    }

    public Command interactively() {
        return new Command(argv, env, workDir, stdin, true);
    }

    public Command prefixed(List<String> prefix) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(argv);
        return new Command(all, env, workDir, stdin, interactive);
    }

    /** The argv as a copy-pastable line: words with shell-special characters are single-quoted. */
    public String display() {
        return argv.stream().map(Command::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
