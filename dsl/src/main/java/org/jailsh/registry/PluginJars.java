package org.jailsh.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** Reads a plugin jar's service file before the jar joins the class loader, so a bad jar is named and left out. */
final class PluginJars {

    static final String SERVICES = "META-INF/services/org.jailsh.spi.JailshPlugin";

    private PluginJars() {
    }

    /**
     * Records each plugin class the jar lists against the jar's file name.
     *
     * @return null when the jar is a plugin, else why it is not (and is skipped)
     */
    static String readServices(Path jar, Map<String, String> jarOf) {
        String name = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry services = file.getEntry(SERVICES);
            if (services == null) {
                return "not a jailsh plugin: it has no " + SERVICES + "; remove it from the plugins directory";
            }
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(file.getInputStream(services), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String className = line.replaceFirst("#.*", "").trim();
                    if (!className.isEmpty()) {
                        jarOf.putIfAbsent(className, name);
                    }
                }
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot read the jar: " + e.getMessage() + "; replace or remove it";
        }
    }
}
