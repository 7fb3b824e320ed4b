package org.jailsh.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import org.jailsh.spi.exec.AtomicFiles;

/**
 * JSON exactly as iocage writes it ({@code json.dump(sort_keys=True, indent=4, ensure_ascii=False)}): keys sorted,
 * four spaces, {@code "key": value}, no trailing newline. Reading is lenient about shape, strict about syntax.
 */
public final class IocageJson {

    /** Larger config files are not configs; refusing them keeps a hostile file from exhausting memory. */
    public static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter WRITER = MAPPER.writer(printer());
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private IocageJson() {
    }

    private static DefaultPrettyPrinter printer() {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /** Reads a JSON object; throws {@link CorruptFileException} saying what is wrong with it. */
    public static Map<String, Object> read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new CorruptFileException(file, "it is " + size + " bytes, more than a config can be");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                throw new CorruptFileException(file, "it is empty");
            }
            Object value = MAPPER.readValue(bytes, Object.class);
            if (!(value instanceof Map)) {
                throw new CorruptFileException(file, "it is not a JSON object");
            }
            return MAPPER.convertValue(value, MAP);
        } catch (JsonProcessingException e) {
            // a parser limit (nesting depth, number length) has no location
            throw new CorruptFileException(file, e.getLocation() == null ? "invalid JSON: " + e.getOriginalMessage()
                    : "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new CorruptFileException(file, e.getMessage());
        }
    }

    public static String format(Map<String, Object> values) {
        try {
            return WRITER.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format config", e);
        }
    }

    public static void write(Path file, Map<String, Object> values) {
        AtomicFiles.write(file, format(values));
    }

    /** For output: any value as indented JSON. */
    public static String pretty(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format JSON", e);
        }
    }
}
