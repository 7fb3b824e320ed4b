package org.jailsh.testkit;

/** What a modelled command printed and how it exited. */
record Out(int exit, String stdout, String stderr) {

    static final Out OK = new Out(0, "", "");

    static Out ok(String stdout) {
        return new Out(0, stdout, "");
    }

    static Out fail(int exit, String stderr) {
        return new Out(exit, "", stderr.endsWith("\n") ? stderr : stderr + "\n");
    }

    static Out fail(String stderr) {
        return fail(1, stderr);
    }
}
