package org.jailsh.shell.commands;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.jailsh.spi.NotFoundException;

@Command(name = "run", description = "Run a Groovy script that uses jailsh's verbs: run FILE.groovy.")
public final class RunCommand extends VerbCommand {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    int run() {
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no script " + file, "give the path of a .groovy file");
        }
        context().runner().run(file);
        return 0;
    }
}
