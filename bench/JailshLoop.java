import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * Times jailsh verbs through its CLI inside one JVM (org.jailsh.shell.Main.run), so the numbers are jailsh's own work
 * without the JVM's start-up. Prints one line per iteration, in milliseconds.
 *
 * java -cp CLASSPATH bench/JailshLoop.java startstop ROOT JAIL N     ->  "start stop start+stop"
 * java -cp CLASSPATH bench/JailshLoop.java create ROOT REL1 REL2 N   ->  "create-from-REL1 create-from-REL2"
 *     (interleaved, the order swapped every round, each new jail destroyed again untimed)
 */
public class JailshLoop {

    private static final int WARMUP = 3;
    private static Method run;

    public static void main(String[] args) throws Exception {
        run = Class.forName("org.jailsh.shell.Main").getMethod("run", String[].class, InputStream.class,
                PrintStream.class, PrintStream.class, boolean.class);
        String root = args[1];
        if (args[0].equals("startstop")) {
            int n = Integer.parseInt(args[3]);
            for (int i = -WARMUP; i < n; i++) {
                long t0 = System.nanoTime();
                jailsh(root, "start", args[2]);
                long t1 = System.nanoTime();
                jailsh(root, "stop", args[2]);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    System.out.printf("%.2f %.2f %.2f%n", ms(t1 - t0), ms(t2 - t1), ms(t2 - t0));
                }
            }
        } else {
            int n = Integer.parseInt(args[4]);
            for (int i = -WARMUP; i < n; i++) {
                double[] t = new double[2];
                for (int k = 0; k < 2; k++) {
                    int which = (i + k) % 2 == 0 ? 0 : 1;
                    long t0 = System.nanoTime();
                    jailsh(root, "create", "-r", args[2 + which], "-n", "loop" + which);
                    t[which] = ms(System.nanoTime() - t0);
                    jailsh(root, "destroy", "-f", "loop" + which);
                }
                if (i >= 0) {
                    System.out.printf("%.2f %.2f%n", t[0], t[1]);
                }
            }
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static void jailsh(String root, String... verb) throws Exception {
        String[] argv = new String[verb.length + 2];
        argv[0] = "--root";
        argv[1] = root;
        System.arraycopy(verb, 0, argv, 2, verb.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = (int) run.invoke(null, argv, new ByteArrayInputStream(new byte[0]), new PrintStream(out),
                new PrintStream(out), false);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", verb) + " failed: " + out);
        }
    }
}
