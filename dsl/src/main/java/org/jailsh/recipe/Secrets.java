package org.jailsh.recipe;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jailsh.store.OperationLog;

/**
 * The secret values of a recipe run ({@code param 'password', secret: true}). They travel to the jail on stdin only;
 * anything printed or logged while the recipe runs shows {@code ******} in their place.
 */
public final class Secrets {

    public static final String MASK = "******";

    private final Set<String> values = new LinkedHashSet<>();

    public void add(Object value) {
        if (value != null && !String.valueOf(value).isBlank()) {
            String text = String.valueOf(value);
            values.add(text);
            OperationLog.redact(text);
        }
    }

    public boolean isSecret(Object value) {
        return value != null && values.contains(String.valueOf(value));
    }

    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
