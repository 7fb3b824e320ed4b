package org.jailsh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jailsh.dsl.JailHandle;
import org.jailsh.spi.ExecResult;
import org.jailsh.spi.MountEntry;
import org.jailsh.verbs.JailInfo;

/** Shows the value a Groovy line returned: jails and rows as tables, maps as lines, nothing for handles. */
final class ResultPrinter {

    private final Output output;

    ResultPrinter(Output output) {
        this.output = output;
    }

    @SuppressWarnings("unchecked")
    void print(Object value) {
        if (value == null || value instanceof JailHandle || value instanceof ExecResult) {
            return;
        }
        if (output.json()) {
            output.printJson(value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof JailInfo
                    ? ((List<JailInfo>) list).stream().map(j -> j.toMap(true)).toList() : value);
            return;
        }
        if (value instanceof List<?> list && list.isEmpty()) {
            output.line("(none)");
            return;
        }
        if (value instanceof List<?> list) {
            Object first = list.get(0);
            if (first instanceof JailInfo) {
                Tables.jails(output, (List<JailInfo>) list, false, false);
                return;
            }
            if (first instanceof Map<?, ?>) {
                Tables.rows(output, (List<Map<String, Object>>) list, false);
                return;
            }
            if (first instanceof MountEntry) {
                Tables.mounts(output, (List<MountEntry>) list, false);
                return;
            }
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> output.line(k + ": " + v));
            return;
        }
        output.line(String.valueOf(value));
    }

    static List<String> strings(List<?> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v == null ? "-" : String.valueOf(v)));
        return out;
    }
}
