package org.jailsh.shell;

/** {@code -c 'groovy'} and {@code run FILE.groovy}: evaluate, print a non-null result, map errors to exit codes. */
final class SnippetRunner {

    private final ShellContext context;

    SnippetRunner(ShellContext context) {
        this.context = context;
    }

    int run(String snippet) {
        Object result = context.runner().evaluate(snippet);
        new ResultPrinter(context.output()).print(result);
        return 0;
    }
}
