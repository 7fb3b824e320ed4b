package org.jailsh.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jailsh.dsl.Console;
import org.jailsh.plan.Outcome;
import org.jailsh.store.IocageJson;

/**
 * Everything jailsh prints: outcomes and plans, tables (aligned, or tab-separated with {@code -H}), JSON for scripts,
 * colour only on a terminal. Errors go to the error stream, one line each.
 */
public final class Output implements Console {

    private static final String RESET = "\u001b[0m";
    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;
    private boolean json;
    private Function<String, Boolean> asker = question -> false;

    public Output(PrintStream out, PrintStream err, boolean color) {
        this.out = out;
        this.err = err;
        this.color = color;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean json() {
        return json;
    }

    public void json(boolean on) {
        json = on;
    }

    public void asker(Function<String, Boolean> ask) {
        asker = ask;
    }

    @Override
    public boolean confirm(String question) {
        return asker.apply(question);
    }

    @Override
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public void raw(String text) {
        out.print(text);
        out.flush();
    }

    public void error(String message) {
        err.println(paint("error: ", "31") + message);
        err.flush();
    }

    public void warn(String message) {
        err.println(paint("warning: ", "33") + message);
        err.flush();
    }

    @Override
    public void outcome(Outcome outcome) {
        if (json) {
            printJson(toMap(outcome));
            return;
        }
        outcome.notices().forEach(n -> line("  note: " + n));
        for (Outcome.StepOutcome step : outcome.steps()) {
            String mark = switch (step.mark()) {
                case "+" -> paint("+", "32");
                case "-" -> paint("-", "31");
                case "!" -> paint("!", "31");
                default -> paint(step.mark(), "33");
            };
            line("  " + mark + " " + step.title() + (step.why().isBlank() ? "" : paint("   # " + step.why(), "2")));
            if (outcome.dryRun()) {
                step.commands().forEach(c -> line("      " + c));
            }
        }
        if (!outcome.summary().isBlank()) {
            line(outcome.summary());
        }
    }

    static Map<String, Object> toMap(Outcome outcome) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("subject", outcome.subject());
        map.put("dry_run", outcome.dryRun());
        map.put("up_to_date", outcome.upToDate());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Outcome.StepOutcome s : outcome.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("action", s.mark());
            step.put("title", s.title());
            step.put("why", s.why());
            step.put("commands", s.commands());
            steps.add(step);
        }
        map.put("steps", steps);
        map.put("notices", outcome.notices());
        map.put("summary", outcome.summary());
        return map;
    }

    public void printJson(Object value) {
        line(IocageJson.pretty(value));
    }

    /** Rows of equal keys as an aligned table, or tab-separated without a header when {@code scriptable}. */
    public void table(List<String> headers, List<List<String>> rows, boolean scriptable) {
        if (scriptable) {
            rows.forEach(r -> line(String.join("\t", r)));
            return;
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(format(headers, widths, null).stripTrailing());
        for (List<String> row : rows) {
            line(format(row, widths, headers).stripTrailing());
        }
    }

    private String format(List<String> cells, int[] widths, List<String> headers) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padded = cell + " ".repeat(widths[i] - cell.length() + 2);
            if (headers != null && headers.get(i).equals("STATE")) {
                padded = paint(cell, stateColor(cell)) + " ".repeat(widths[i] - cell.length() + 2);
            }
            text.append(padded);
        }
        return text.toString();
    }

    private static String stateColor(String state) {
        return switch (state) {
            case "up" -> "32";
            case "CORRUPT" -> "31";
            default -> "2";
        };
    }

    String paint(String text, String code) {
        return color ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
