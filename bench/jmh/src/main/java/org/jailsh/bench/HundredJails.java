package org.jailsh.bench;

import java.util.ArrayList;
import java.util.List;

import org.jailsh.api.Jails;

/**
 * N jails created and started side by side, against N times one jail created and started alone (then stopped and
 * destroyed before the next): no superlinear cost means a ratio near 1. As root, in the root given by run.sh.
 * Prints {@code RESULT one-jail MS…} (each lone create+start) and {@code RESULT n-jails MS} (the whole batch).
 *
 * <p>{@code java -Dbench.root=IOCROOT -cp … org.jailsh.bench.HundredJails [N] [ALONE_RUNS]}
 */
public final class HundredJails {

    private HundredJails() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int alone = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Jails jails = Fixture.open(Fixture.givenRoot());
        List<String> made = new ArrayList<>();
        try {
            createStart(jails, "benchone");
            Fixture.destroy(jails, "benchone");
            StringBuilder one = new StringBuilder("RESULT one-jail");
            for (int i = 0; i < alone; i++) {
                long t0 = System.nanoTime();
                createStart(jails, "benchone");
                one.append(' ').append(ms(System.nanoTime() - t0));
                Fixture.destroy(jails, "benchone");
            }
            System.out.println(one);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String name = String.format("benchh%03d", i);
                made.add(name);
                createStart(jails, name);
            }
            System.out.println("RESULT n-jails " + ms(System.nanoTime() - t0));
            System.out.println("RESULT n " + n);
        } finally {
            for (String name : made) {
                Fixture.destroy(jails, name);
            }
            Fixture.destroy(jails, "benchone");
        }
    }

    private static void createStart(Jails jails, String name) {
        Fixture.createJail(jails, name, "busybox", null, null);
        jails.start(name);
    }

    static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
