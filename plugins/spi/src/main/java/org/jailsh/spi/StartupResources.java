package org.jailsh.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class-path resources that jailsh reads on every start (the one-shot parser's model, the start helper's hash).
 * Reading one out of a jar opens the jar, ~5 ms on a cold JVM when every class comes from the start-up archive;
 * {@code ./jailsh} keeps copies made by its training run from the same jars next to that archive and names the
 * directory in {@value #DIR}. Without it, or for a resource it has no copy of, the jar is read as usual.
 */
public final class StartupResources {

    /** The system property naming the directory of copies. */
    public static final String DIR = "jailsh.resources";

    private static final Set<String> READ = ConcurrentHashMap.newKeySet();

    private StartupResources() {
    }

    /** The resource {@code name} next to {@code owner}'s class file, or null when there is none. */
    public static byte[] read(Class<?> owner, String name) throws IOException {
        String path = owner.getPackageName().replace('.', '/') + "/" + name;
        READ.add(path);
        String dir = System.getProperty(DIR);
        if (dir != null) {
            try {
                return Files.readAllBytes(Path.of(dir, copyName(path)));
            } catch (NoSuchFileException e) {
                // no copy of this one: the jar has it, or nothing does
            }
        }
        try (InputStream in = owner.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** Copies every resource this JVM has read into {@code dir}: what the training run leaves for later starts. */
    public static void copyRead(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String path : new TreeSet<>(READ)) {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(path)) {
                if (in != null) {
                    Files.write(dir.resolve(copyName(path)), in.readAllBytes());
                }
            }
        }
    }

    /** The resource's whole path in one file name, one to one: {@code %} and {@code /} escaped as in URLs. */
    private static String copyName(String path) {
        return path.replace("%", "%25").replace("/", "%2F");
    }
}
