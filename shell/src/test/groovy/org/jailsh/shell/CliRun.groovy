package org.jailsh.shell

import java.nio.file.Path

/** One CLI line run in this JVM against a state root, for specs: [exit code, stdout, stderr]. */
class CliRun {

    static List run(Path root, List<String> args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run((['--root', root.toString()] + args) as String[], new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'), false)
        [code, out.toString('UTF-8'), err.toString('UTF-8')]
    }
}
