package org.jailsh.shell.interact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Asks on plain streams: the one-shot CLI on a terminal, and specs on byte streams. Questions go to the error stream
 * so that standard output keeps only results (a wizard run with {@code --json} still prints clean JSON).
 */
public final class StreamPrompter implements Prompter {

    private final BufferedReader in;
    private final PrintStream talk;

    public StreamPrompter(BufferedReader in, PrintStream talk) {
        this.in = in;
        this.talk = talk;
    }

    @Override
    public String ask(String question) {
        talk.print(question);
        talk.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void say(String line) {
        talk.println(line);
        talk.flush();
    }
}
