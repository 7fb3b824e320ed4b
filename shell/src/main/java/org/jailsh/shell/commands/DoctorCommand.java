package org.jailsh.shell.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.jailsh.verbs.DoctorVerb.Finding;

@Command(name = "doctor", description = "Find what an interrupted jailsh left behind (incomplete jails, unfinished "
        + "writes, stale locks, leftover mounts); exit 1 when something is wrong. --fix repairs it.")
public final class DoctorCommand extends VerbCommand {

    @Option(names = "--fix", description = "Repair what can be repaired safely; report the rest.")
    boolean fix;

    @Override
    int run() {
        if (fix) {
            show(jails().doctorFix());
        }
        List<Finding> findings = jails().doctor();
        if (output().json()) {
            output().printJson(findings.stream().map(DoctorCommand::toMap).toList());
        } else if (findings.isEmpty()) {
            output().line("doctor: nothing wrong");
        } else {
            for (Finding f : findings) {
                String action = f.repair() == null ? "needs you: jailsh cannot repair this safely"
                        : fix ? "still there after repair" : "doctor --fix will " + f.repair();
                output().line(f.subject() + ": " + f.problem() + " (" + action + ")");
            }
        }
        return findings.isEmpty() ? 0 : 1;
    }

    private static Map<String, Object> toMap(Finding f) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("subject", f.subject());
        map.put("problem", f.problem());
        map.put("repair", f.repair());
        return map;
    }
}
