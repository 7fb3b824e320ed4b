package org.jailsh.shell.commands;

import java.util.concurrent.Callable;

import picocli.CommandLine.ParentCommand;

import org.jailsh.api.Jails;
import org.jailsh.plan.Outcome;
import org.jailsh.shell.JailshCommand;
import org.jailsh.shell.Output;
import org.jailsh.shell.ShellContext;

/** What every verb command shares: the shell's context, its output and the facade. */
public abstract class VerbCommand implements Callable<Integer> {

    @ParentCommand
    JailshCommand parent;

    /** What picocli's {@code @ParentCommand} does, for a command the one-shot parser made. */
    public void parent(JailshCommand shell) {
        parent = shell;
    }

    ShellContext context() {
        return parent.context();
    }

    Jails jails() {
        return context().jails();
    }

    Output output() {
        return context().output();
    }

    int show(Outcome outcome) {
        output().outcome(outcome);
        return 0;
    }

    @Override
    public Integer call() {
        return run();
    }

    abstract int run();
}
