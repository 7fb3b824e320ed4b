package org.jailsh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jailsh.spi.MountEntry;
import org.jailsh.verbs.JailInfo;

/** The tables jailsh prints, with iocage's columns. */
public final class Tables {

    private Tables() {
    }

    public static void jails(Output output, List<JailInfo> jails, boolean full, boolean scriptable) {
        if (output.json()) {
            output.printJson(jails.stream().map(j -> j.toMap(full)).toList());
            return;
        }
        List<String> headers = full
                ? List.of("JID", "NAME", "BOOT", "STATE", "TYPE", "RELEASE", "IP4", "IP6", "TEMPLATE", "BASEJAIL")
                : List.of("JID", "NAME", "STATE", "RELEASE", "IP4");
        List<List<String>> rows = new ArrayList<>();
        for (JailInfo j : jails) {
            rows.add(full ? List.of(j.jid(), j.name(), j.boot(), j.state(), j.type(), j.release(), j.ip4(), j.ip6(),
                    j.template(), j.basejail())
                    : List.of(j.jid(), j.name(), j.state(), j.shortRelease(), JailInfo.bareAddresses(j.ip4())));
        }
        output.table(headers, rows, scriptable);
        for (JailInfo j : jails) {
            if (j.problem() != null && !scriptable) {
                output.warn(j.name() + ": " + j.problem());
            }
        }
    }

    public static void rows(Output output, List<Map<String, Object>> rows, boolean scriptable) {
        if (output.json()) {
            output.printJson(rows);
            return;
        }
        if (rows.isEmpty()) {
            if (!scriptable) {
                output.line("(none)");
            }
            return;
        }
        List<String> headers = rows.get(0).keySet().stream().map(k -> k.toUpperCase(java.util.Locale.ROOT)).toList();
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            cells.add(ResultPrinter.strings(new ArrayList<>(row.values())));
        }
        output.table(headers, cells, scriptable);
    }

    public static void mounts(Output output, List<MountEntry> mounts, boolean scriptable) {
        if (output.json()) {
            output.printJson(mounts);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (MountEntry m : mounts) {
            rows.add(List.of(m.source(), m.destination(), m.type(), m.options()));
        }
        output.table(List.of("SOURCE", "DESTINATION", "TYPE", "OPTIONS"), rows, scriptable);
    }
}
