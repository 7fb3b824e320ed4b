package org.jailsh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jailsh.api.Jails;
import org.jailsh.model.JailType;

/**
 * N stopped jails in a state root, for list benchmarks: the first made by jailsh ({@code create -e}), the others
 * copies of its config.json with their own name, so that 10,000 jails take seconds rather than an hour.
 *
 * <p>{@code java -cp … org.jailsh.bench.JailFarm ROOT N} makes them for whole-process runs ({@code ./jailsh list}).
 */
public final class JailFarm {

    private JailFarm() {
    }

    public static void main(String[] args) {
        populate(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    static void populate(Path root, int n) {
        Jails jails = Fixture.open(root);
        String first = name(0);
        jails.create(first, null, JailType.EMPTY, Map.of());
        Path jailsDir = root.resolve("jails");
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode config = (ObjectNode) json.readTree(jailsDir.resolve(first).resolve("config.json").toFile());
            for (int i = 1; i < n; i++) {
                String name = name(i);
                Path dir = Files.createDirectories(jailsDir.resolve(name).resolve("root")).getParent();
                config.put("host_hostname", name);
                config.put("host_hostuuid", name);
                json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(int i) {
        return String.format("bench%05d", i);
    }
}
