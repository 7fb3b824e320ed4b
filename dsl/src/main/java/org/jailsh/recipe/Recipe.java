package org.jailsh.recipe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One recipe directory: {@code recipe.groovy}, a README and any templates beside them, read whole (recipes are
 * small). Its identity is its name and the sha256 of its files, which is what a jail records.
 *
 * @param location where it was read from, for messages ({@code /home/me/.config/jailsh/recipes/web}, a jar…)
 * @param files    every file by its path relative to the recipe directory ({@code recipe.groovy},
 *                 {@code templates/motd})
 */
public record Recipe(String name, RecipeOrigin origin, String location, Map<String, String> files) {

    public static final String SCRIPT = "recipe.groovy";
    public static final String README = "README.md";

    public Recipe {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public String script() {
        return files.getOrDefault(SCRIPT, "");
    }

    public String readme() {
        return files.getOrDefault(README, "");
    }

    public Optional<String> file(String relative) {
        return Optional.ofNullable(files.get(relative));
    }

    /** The name Groovy gives the script, so compile errors and stack frames read {@code ssh-jail/recipe.groovy}. */
    public String scriptName() {
        return name + "/" + SCRIPT;
    }

    /** sha256 over every file (path, NUL, length, NUL, content), in path order: a change to any file changes it. */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                digest.update((file.getKey() + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
                digest.update(content);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** What a jail records: {@code NAME@sha256:HEX}. */
    public String ref() {
        return name + "@sha256:" + sha256();
    }

    /** The first 12 hex digits, for tables and messages. */
    public String shortHash() {
        return sha256().substring(0, 12);
    }
}
