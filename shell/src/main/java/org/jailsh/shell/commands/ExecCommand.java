package org.jailsh.shell.commands;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.jailsh.spi.ExecResult;

@Command(name = "exec", description = "Run a command in a running jail; its exit code is passed through.")
public final class ExecCommand extends VerbCommand {

    @Option(names = {"-U", "--jail-user"}, paramLabel = "USER", description = "Run as this user of the jail.")
    String user;

    @Parameters(index = "0", paramLabel = "NAME")
    String jail;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> argv;

    @Override
    int run() {
        ExecResult result = jails().exec(jail, argv, user, false);
        output().raw(result.stdout());
        if (!result.stderr().isEmpty()) {
            output().err().print(result.stderr());
            output().err().flush();
        }
        return result.exitCode();
    }
}
