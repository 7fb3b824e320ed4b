package org.jailsh.shell;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.jline.reader.impl.history.DefaultHistory;

import org.jailsh.recipe.Recipes;
import org.jailsh.recipe.Secrets;

/**
 * The REPL's history, which never keeps a secret: the values of recipe parameters declared {@code secret}
 * ({@code password: '…'}, {@code --param password=…}) and the password of {@code passwd 'root', '…'} are
 * written as {@code ******}.
 */
final class SecretHistory extends DefaultHistory {

    private static final Set<String> ALWAYS = Set.of("password", "root_password", "passphrase", "secret", "token");

    private final Supplier<Set<String>> recipeSecrets;
    private Set<String> names;

    SecretHistory(Supplier<Set<String>> recipeSecrets) {
        this.recipeSecrets = recipeSecrets;
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, mask(line));
    }

    String mask(String line) {
        if (names == null) {
            names = new LinkedHashSet<>(ALWAYS);
            try {
                names.addAll(recipeSecrets.get());
            } catch (RuntimeException e) {
                // the fixed names still apply
            }
        }
        String masked = Recipes.maskLine(line, names);
        return masked.replaceAll("(\\bpasswd\\s*\\(?\\s*('[^']*'|\"[^\"]*\")\\s*,\\s*)('[^']*'|\"[^\"]*\")",
                "$1" + Secrets.MASK.replace("*", "\\*"));
    }
}
