package org.jailsh.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.jline.reader.Candidate;
import org.jline.reader.Parser.ParseContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.jailsh.shell.repl.ReplParser;
import org.jailsh.shell.repl.ReplParser.ReplLine;
import org.jailsh.shell.repl.Vocabulary;

/**
 * {@code jailsh __complete 'LINE'}: the candidates the REPL would offer for a command line typed at bash or zsh,
 * one per line after a first line with the word being completed (the scripts keep what precedes the part their
 * shell replaces), for the completion scripts in {@code dist/completion}. A line {@value #FILES} asks the script to
 * add file names itself. The line's own {@code --root DIR} is honoured, so {@code jailsh --root /x start w<TAB>}
 * offers that root's jails.
 */
@Command(name = "__complete", hidden = true, description = "Completion candidates for shell scripts.")
final class CompleteCommand implements Callable<Integer> {

    static final String FILES = ":files";

    private final ShellContext context;

    @Parameters(arity = "0..1", paramLabel = "LINE")
    String line = "";

    CompleteCommand(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<String> words = CliLine.words(line);
        String text = strip(line, words);
        ReplLine parsed = new ReplParser().parse(text, text.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        new JailshCompleter(new Vocabulary(context, () -> Cli.commandLine(context))).complete(null, parsed,
                candidates);
        Set<String> out = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            if (c.value().startsWith(parsed.word())) {
                out.add(c.value());
            } else if (c.value().equals(FILES)) {
                out.add(FILES);
            }
        }
        context.output().out().println(parsed.word());
        out.forEach(v -> context.output().out().println(v));
        return 0;
    }

    /** Drops the program's name and the shell-wide options before the verb (taking --root's value). */
    private String strip(String text, List<String> words) {
        int i = words.isEmpty() ? 0 : 1;
        while (i < words.size() && words.get(i).startsWith("-") && i < words.size() - 1) {
            String w = words.get(i);
            if (w.equals("--root") || w.equals("--platform")) {
                if (w.equals("--root")) {
                    context.root(Path.of(words.get(i + 1)));
                }
                i += 2;
            } else {
                i++;
            }
        }
        List<String> rest = words.subList(Math.min(i, words.size()), words.size());
        String joined = String.join(" ", rest);
        boolean space = text.endsWith(" ") || text.endsWith("\t");
        return joined + (space && !joined.isEmpty() ? " " : "");
    }
}
