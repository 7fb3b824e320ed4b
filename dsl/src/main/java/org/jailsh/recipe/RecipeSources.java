package org.jailsh.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads recipe directories: {@code recipes/NAME/} in jars and class path directories (the bundled {@code recipes}
 * module, plugin jars) and {@code DIR/NAME/} on disk. A directory without {@code recipe.groovy} is not a recipe.
 */
final class RecipeSources {

    static final String RESOURCE_DIR = "recipes";
    /** Present in the jar of the {@code recipes} module: its recipes are "bundled", any other jar's are "plugin". */
    static final String BUNDLED_MARKER = "META-INF/jailsh/bundled-recipes";
    private static final long MAX_FILE = 1L << 20;

    private RecipeSources() {
    }

    static boolean validName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]*");
    }

    /** Every recipe under {@code recipes/} on the class paths of these loaders, each jar or directory once. */
    static List<Recipe> fromClassLoaders(List<ClassLoader> loaders) {
        Set<String> seen = new LinkedHashSet<>();
        List<Recipe> found = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            try {
                Enumeration<URL> roots = loader.getResources(RESOURCE_DIR);
                while (roots.hasMoreElements()) {
                    URL url = roots.nextElement();
                    if (seen.add(url.toString())) {
                        found.addAll(fromUrl(url));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list recipes on the class path: " + e.getMessage(), e);
            }
        }
        return found;
    }

    private static List<Recipe> fromUrl(URL url) throws IOException {
        if (url.getProtocol().equals("jar")) {
            return fromJar(url);
        }
        if (url.getProtocol().equals("file")) {
            try {
                Path dir = Path.of(url.toURI());
                boolean bundled = Files.exists(dir.getParent().resolve(BUNDLED_MARKER));
                return fromDirectory(dir, bundled ? RecipeOrigin.BUNDLED : RecipeOrigin.PLUGIN);
            } catch (URISyntaxException e) {
                return List.of();
            }
        }
        return List.of();
    }

    private static List<Recipe> fromJar(URL url) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            RecipeOrigin origin = jar.getEntry(BUNDLED_MARKER) != null ? RecipeOrigin.BUNDLED : RecipeOrigin.PLUGIN;
            Map<String, Map<String, String>> byName = new TreeMap<>();
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String[] parts = entry.getName().split("/", 3);
                if (entry.isDirectory() || parts.length < 3 || !parts[0].equals(RESOURCE_DIR) || !validName(parts[1])
                        || entry.getSize() > MAX_FILE) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    byName.computeIfAbsent(parts[1], n -> new TreeMap<>())
                            .put(parts[2], new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            List<Recipe> recipes = new ArrayList<>();
            String where = jar.getName();
            byName.forEach((name, files) -> {
                if (files.containsKey(Recipe.SCRIPT)) {
                    recipes.add(new Recipe(name, origin, where + "!/" + RESOURCE_DIR + "/" + name, files));
                }
            });
            return recipes;
        }
    }

    /** Recipes in {@code dir/NAME/}; nothing when the directory does not exist. */
    static List<Recipe> fromDirectory(Path dir, RecipeOrigin origin) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Recipe> recipes = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (validName(name) && Files.isRegularFile(child.resolve(Recipe.SCRIPT))) {
                    recipes.add(new Recipe(name, origin, child.toAbsolutePath().normalize().toString(), read(child)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list recipes in " + dir + ": " + e.getMessage(), e);
        }
        return recipes;
    }

    private static Map<String, String> read(Path recipeDir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(recipeDir)) {
            for (Path file : all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String relative = recipeDir.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(".") || relative.contains("/.") || Files.size(file) > MAX_FILE) {
                    continue;
                }
                files.put(relative, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
