package org.jailsh.shell

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The real CLI in a JVM of its own ({@code java -cp … org.jailsh.shell.Main}), with an environment the spec chooses:
 * plugin directories and provider choices come from the environment and a fresh start, as they do for a user.
 */
class ForkedCli {

    final Map<String, String> env

    ForkedCli(Map<String, String> env) {
        this.env = env
    }

    /** [exit code, stdout, stderr]. */
    List run(String... args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def pb = new ProcessBuilder([java, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp',
                                     System.getProperty('java.class.path'), 'org.jailsh.shell.Main'] + (args as List))
        pb.environment().keySet().removeAll { it.startsWith('JAILSH_') || it.startsWith('XDG_') }
        pb.environment().putAll(env)
        pb.redirectInput(ProcessBuilder.Redirect.from(new File('/dev/null')))
        Process p = pb.start()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        Thread t = Thread.start { err << p.errorStream }
        out << p.inputStream
        assert p.waitFor(180, TimeUnit.SECONDS): "jailsh ${args.join(' ')} did not finish"
        t.join()
        [p.exitValue(), out.toString('UTF-8'), err.toString('UTF-8')]
    }

    String ok(String... args) {
        def (code, out, err) = run(args)
        assert code == 0: "jailsh ${args.join(' ')} exited $code: $out$err"
        out
    }
}
