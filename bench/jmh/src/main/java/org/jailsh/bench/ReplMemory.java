package org.jailsh.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.jailsh.dsl.DslVerbs;
import org.jailsh.dsl.ScriptRunner;

/**
 * The REPL's memory after 10 and after 1,000 evaluated lines, through the evaluation path the shell's REPL uses
 * ({@code ScriptRunner} over {@code DslVerbs}): heap used after a full GC, Metaspace used, and loaded classes.
 * Prints {@code RESULT repl-heap-10 BYTES} and the like; run.sh runs it in fresh JVMs and takes the median.
 *
 * <p>{@code java -cp … org.jailsh.bench.ReplMemory [LINES]}
 */
public final class ReplMemory {

    private ReplMemory() {
    }

    public static void main(String[] args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path root = Fixture.tempDir("repl");
        try {
            ScriptRunner runner = new ScriptRunner(new DslVerbs(Fixture.open(root), Fixture.QUIET));
            for (int i = 1; i <= lines; i++) {
                runner.evaluate(line(i));
                if (i == 10 || i == lines) {
                    report(i);
                }
            }
        } finally {
            Fixture.removeTree(root);
        }
    }

    /** Lines as a user types them: assignments, expressions over earlier variables, and a verb now and then. */
    static String line(int i) {
        return switch (i % 4) {
            case 0 -> "n" + i + " = " + i + " * 2";
            case 1 -> "s = 'bench' + " + i;
            case 2 -> "[s, " + i + "].collect { it.toString().size() }.sum()";
            default -> "list().size() + " + i;
        };
    }

    private static void report(int lines) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("RESULT repl-heap-" + lines + " " + heap);
        System.out.println("RESULT repl-metaspace-" + lines + " " + metaspace);
        System.out.println("RESULT repl-total-" + lines + " " + (heap + metaspace));
        System.out.println("RESULT repl-classes-" + lines + " " + classes);
    }
}
