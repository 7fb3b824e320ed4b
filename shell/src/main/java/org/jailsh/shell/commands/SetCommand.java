package org.jailsh.shell.commands;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.jailsh.spi.UsageException;

@Command(name = "set", description = "Set properties: set PROPERTY=VALUE… NAME (or default for all jails).")
public final class SetCommand extends VerbCommand {

    @Parameters(arity = "2..*", paramLabel = "PROPERTY=VALUE… NAME")
    List<String> words;

    @Override
    int run() {
        String target = words.get(words.size() - 1);
        if (target.contains("=")) {
            throw new UsageException("the last word must be the jail's name, not '" + target + "'",
                    "e.g. set vnet=on web");
        }
        return show(jails().set(words.subList(0, words.size() - 1), target));
    }
}
