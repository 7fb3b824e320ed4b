package org.jailsh.shell.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jailsh.shell.Tables;
import org.jailsh.spi.UsageException;

@Command(name = "fstab", description = {"Mount points of a jail (the jail must be stopped to change them):",
        "  fstab -a NAME SRC DST [nullfs] [ro|rw] [0 0]", "  fstab -r NAME DST", "  fstab -l NAME"})
public final class FstabCommand extends VerbCommand {

    static final class Action {
        @Option(names = {"-a", "--add"}, required = true)
        boolean add;
        @Option(names = {"-r", "--remove"}, required = true)
        boolean remove;
        @Option(names = {"-l", "--list"}, required = true)
        boolean list;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Parameters(index = "1..*", paramLabel = "FSTAB_LINE")
    List<String> words = new ArrayList<>();

    @Option(names = {"-H", "-h"}, description = "No header; tab-separated.")
    boolean scriptable;

    @Override
    int run() {
        List<String> fields = new ArrayList<>();
        words.forEach(w -> fields.addAll(Arrays.asList(w.trim().split("\\s+"))));
        fields.removeIf(String::isEmpty);
        if (action.list) {
            Tables.mounts(output(), jails().mounts(jail), scriptable);
            return 0;
        }
        if (action.remove) {
            if (fields.size() != 1) {
                throw new UsageException("fstab -r needs the destination to remove", "e.g. fstab -r web /media");
            }
            return show(jails().unmount(jail, fields.get(0)));
        }
        if (fields.size() < 2 || fields.size() > 6) {
            throw new UsageException("fstab -a needs SOURCE and DESTINATION", "e.g. fstab -a web /mnt/tank/media /media ro");
        }
        List<String> rest = fields.subList(2, fields.size());
        boolean readOnly = false;
        for (String word : rest) {
            if (word.equals("nullfs") || word.equals("bind") || word.equals("0")) {
                continue;
            }
            List<String> options = Arrays.asList(word.split(","));
            if (!options.stream().allMatch(o -> o.equals("ro") || o.equals("rw"))) {
                throw new UsageException("unknown fstab field '" + word + "'", "only nullfs mounts with ro or rw");
            }
            readOnly = options.contains("ro");
        }
        return show(jails().mount(jail, fields.get(0), fields.get(1), readOnly));
    }
}
