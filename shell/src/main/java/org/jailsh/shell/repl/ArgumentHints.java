package org.jailsh.shell.repl;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.LineReader;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.Widget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import org.jailsh.shell.repl.ReplParser.ReplLine;

/**
 * The faint hint after the cursor while a verb's line is typed: what the verb still expects, from its picocli
 * model ({@code start } shows {@code NAME…}, {@code set vnet=on } shows {@code NAME}). Installed only on a real
 * terminal; the editing widgets are wrapped so the hint follows every key.
 */
public final class ArgumentHints {

    private static final List<String> EDITING = List.of(LineReader.SELF_INSERT, LineReader.BACKWARD_DELETE_CHAR,
            LineReader.DELETE_CHAR, LineReader.BACKWARD_KILL_WORD, LineReader.KILL_WORD, LineReader.KILL_WHOLE_LINE,
            LineReader.COMPLETE_WORD, LineReader.EXPAND_OR_COMPLETE, LineReader.MENU_COMPLETE);

    private final Vocabulary words;
    private final ReplParser parser = new ReplParser();

    public ArgumentHints(Vocabulary words) {
        this.words = words;
    }

    public void install(LineReader reader) {
        reader.setAutosuggestion(LineReader.SuggestionType.TAIL_TIP);
        for (String name : EDITING) {
            Widget original = reader.getBuiltinWidgets().get(name);
            if (original == null) {
                continue;
            }
            reader.getWidgets().put(name, () -> {
                boolean done = original.apply();
                String buffer = reader.getBuffer().toString();
                reader.setTailTip(reader.getBuffer().cursor() == buffer.length() ? hint(buffer) : "");
                return done;
            });
        }
    }

    /** What the statement at the end of the buffer still needs, or "" when there is nothing to say. */
    public String hint(String buffer) {
        ReplLine line = parser.parse(buffer, buffer.length(), ParseContext.COMPLETE);
        List<String> before = line.before();
        boolean groovy = line.statement().stream().anyMatch(t -> t.kind() == Tokens.Kind.PUNCT);
        String verbName = before.isEmpty() ? line.word() : before.get(0);
        CommandSpec spec = words.verbs().get(verbName);
        if (spec == null || groovy || before.isEmpty() && !buffer.endsWith(verbName) || !line.word().isEmpty()
                && !before.isEmpty()) {
            return "";
        }
        List<String> labels = remaining(spec, before.size() <= 1 ? List.of() : before.subList(1, before.size()));
        if (labels.isEmpty()) {
            return "";
        }
        return (buffer.endsWith(" ") ? "" : " ") + String.join(" ", labels);
    }

    /** The positional labels not yet given, then {@code [OPTIONS]} when the verb has any and none was typed. */
    static List<String> remaining(CommandSpec spec, List<String> typed) {
        int positionals = 0;
        boolean optionTyped = false;
        for (int i = 0; i < typed.size(); i++) {
            String w = typed.get(i);
            if (w.startsWith("-")) {
                optionTyped = true;
                OptionSpec o = spec.findOption(w);
                if (o != null && o.arity().max() > 0 && !w.contains("=")) {
                    i++;
                }
            } else {
                positionals++;
            }
        }
        List<String> labels = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            boolean many = p.isMultiValue() || p.arity().max() > 1;
            String label = p.paramLabel() + (many && !p.paramLabel().contains("…") ? "…" : "");
            if (many) {
                labels.add(p.arity().min() <= positionals ? "[" + label + "]" : label);
                positionals = 0;
            } else if (positionals > 0) {
                positionals--;
            } else {
                labels.add(p.arity().min() == 0 ? "[" + label + "]" : label);
            }
        }
        boolean visibleOptions = spec.options().stream().anyMatch(o -> !o.hidden() && !o.inherited()
                && !o.usageHelp() && !o.versionHelp());
        if (visibleOptions && !optionTyped) {
            labels.add("[OPTIONS]");
        }
        return labels;
    }
}
