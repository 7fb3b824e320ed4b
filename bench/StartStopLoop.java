import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times "start NAME" + "stop NAME" through jailsh's CLI inside one JVM (org.jailsh.shell.Main.run), so the numbers
 * are jailsh's own work without the JVM's start-up. Usage: java -cp CLASSPATH bench/StartStopLoop.java ROOT JAIL N
 * Prints one line per iteration, in milliseconds: "start stop total".
 */
public class StartStopLoop {

    public static void main(String[] args) throws Exception {
        String root = args[0];
        String jail = args[1];
        int n = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        for (int i = -warmup; i < n; i++) {
            long t0 = System.nanoTime();
            run(root, "start", jail);
            long t1 = System.nanoTime();
            run(root, "stop", jail);
            long t2 = System.nanoTime();
            if (i >= 0) {
                System.out.printf("%.2f %.2f %.2f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6);
            }
        }
    }

    static void run(String root, String verb, String jail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Class<?> main = Class.forName("org.jailsh.shell.Main");
        int code = (int) main.getMethod("run", String[].class, java.io.InputStream.class, PrintStream.class,
                PrintStream.class, boolean.class).invoke(null, new String[] {"--root", root, verb, jail},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(out), false);
        if (code != 0) {
            throw new IllegalStateException(verb + " " + jail + " failed: " + out);
        }
    }
}
