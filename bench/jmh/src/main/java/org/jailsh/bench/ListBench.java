package org.jailsh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jailsh.api.Jails;
import org.jailsh.verbs.JailInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code list} of N jails through the facade, against the floor: reading the same N config.json files with Jackson
 * and nothing else. run.sh divides by N for the time per jail (linear means it stays flat from 100 to 10,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListBench {

    @Param({"100", "1000", "10000"})
    public int jails;

    private Path root;
    private Jails facade;
    private final ObjectMapper json = new ObjectMapper();

    @Setup
    public void populate() {
        root = Fixture.tempDir("list");
        JailFarm.populate(root, jails);
        facade = Fixture.open(root);
    }

    @TearDown
    public void remove() {
        Fixture.removeTree(root);
    }

    @Benchmark
    public List<JailInfo> jailsh() {
        List<JailInfo> all = facade.list(false);
        if (all.size() != jails) {
            throw new IllegalStateException("listed " + all.size() + " jails, made " + jails);
        }
        return all;
    }

    @Benchmark
    public List<Map<String, Object>> rawJackson() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root.resolve("jails"))) {
            for (Path dir : dirs.sorted().toList()) {
                all.add(json.readValue(dir.resolve("config.json").toFile(), new TypeReference<Map<String, Object>>() {
                }));
            }
        }
        return all;
    }
}
