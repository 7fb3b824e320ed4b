package org.jailsh.registry;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.jailsh.spi.JailshPlugin;

/**
 * The one place that touches {@link ServiceLoader}: plugins on the class path and in plugin directories (see
 * {@link PluginDirs}). A plugin that cannot be loaded is recorded as broken and skipped, so one bad jar never stops
 * the shell. Plugins from a jar in a plugin directory carry the jar's file name in their name, so {@code providers}
 * says which file to remove or replace.
 */
public final class PluginLoader {

    private final List<JailshPlugin> plugins = new ArrayList<>();
    private final List<BrokenPlugin> broken = new ArrayList<>();
    /** Plugin class name → the plugin-directory jar that lists it. */
    private final Map<String, String> jarOf = new HashMap<>();

    public static PluginLoader load(ClassLoader parent, List<Path> pluginDirs) {
        PluginLoader loader = new PluginLoader();
        List<URL> jars = new ArrayList<>();
        for (Path dir : pluginDirs) {
            loader.findJars(dir, jars);
        }
        if (jars.isEmpty() && loader.fromIndex(parent)) {
            return loader;
        }
        ClassLoader classLoader = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
        Iterator<JailshPlugin> it = ServiceLoader.load(JailshPlugin.class, classLoader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                loader.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                loader.broken.add(new BrokenPlugin(loader.label(pluginName(e)),
                        "failed to load: " + ProviderRegistry.describe(e)));
            }
        }
        return loader;
    }

    /**
     * The plugin classes ServiceLoader finds on this class loader's class path, in its order, without making them:
     * what {@code ./jailsh} writes once per build next to its start-up archive (see {@link #INDEX}).
     */
    public static List<String> classPathPlugins(ClassLoader loader) {
        return ServiceLoader.load(JailshPlugin.class, loader).stream().map(p -> p.type().getName()).toList();
    }

    /**
     * The system property naming a file of {@link #classPathPlugins} for the exact class path this JVM runs: with
     * it, plugins come from the file instead of ServiceLoader opening every jar to look for its service file, a
     * tenth of a one-shot verb's start. {@code ./jailsh} sets it only while the file belongs to its current jars.
     */
    public static final String INDEX = "jailsh.classpath.plugins";

    private boolean fromIndex(ClassLoader parent) {
        String index = System.getProperty(INDEX);
        List<String> names;
        try {
            names = index == null ? null : Files.readAllLines(Path.of(index));
        } catch (IOException | RuntimeException e) {
            names = null;
        }
        if (names == null || names.isEmpty()) {
            return false;
        }
        for (String name : names) {
            try {
                add(Class.forName(name, true, parent).asSubclass(JailshPlugin.class).getConstructor().newInstance());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
                broken.add(new BrokenPlugin(label(name), "failed to load: " + ProviderRegistry.describe(cause)));
            }
        }
        return true;
    }

    private void add(JailshPlugin plugin) {
        String jar = jarOf.get(plugin.getClass().getName());
        plugins.add(jar == null ? plugin : new JarPlugin(plugin, jar));
    }

    private String label(String className) {
        String jar = jarOf.get(className);
        return jar == null ? className : className + " (" + jar + ")";
    }

    private void findJars(Path dir, List<URL> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String problem = PluginJars.readServices(jar, jarOf);
                if (problem != null) {
                    broken.add(new BrokenPlugin(jar.getFileName().toString(), problem));
                    continue;
                }
                into.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            broken.add(new BrokenPlugin(dir.toString(), "bad jar path: " + e.getMessage()));
        } catch (IOException e) {
            broken.add(new BrokenPlugin(dir.toString(), "cannot read the plugins directory: " + e.getMessage()));
        }
    }

    private static String pluginName(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Provider ");
        if (at >= 0) {
            String rest = message.substring(at + 9);
            int end = rest.indexOf(' ');
            return end > 0 ? rest.substring(0, end) : rest;
        }
        return "unknown plugin";
    }

    public List<JailshPlugin> plugins() {
        return List.copyOf(plugins);
    }

    public List<BrokenPlugin> broken() {
        return List.copyOf(broken);
    }
}
