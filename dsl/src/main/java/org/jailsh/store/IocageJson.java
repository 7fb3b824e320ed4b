package org.jailsh.store;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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

    /**
     * Reading uses jackson-core's streaming parser alone: databind's first use costs about as much as listing a
     * hundred jails, and a one-shot {@code list} only reads.
     */
    private static final JsonFactory FACTORY = new JsonFactory();

    private IocageJson() {
    }

    /** databind, made on first write or output, never by a read. */
    private static final class Writer {
        static final ObjectWriter WRITER = new ObjectMapper().writer(printer());
    }

    static DefaultPrettyPrinter printer() {
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
            try (JsonParser parser = FACTORY.createParser(bytes)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new CorruptFileException(file, "it is not a JSON object");
                }
                Map<String, Object> values = object(parser);
                if (parser.nextToken() != null) {
                    throw new CorruptFileException(file, "extra data after the object at line "
                            + parser.currentLocation().getLineNr() + ", column "
                            + parser.currentLocation().getColumnNr());
                }
                return values;
            }
        } catch (JsonProcessingException e) {
            // a parser limit (nesting depth, number length) has no location
            throw new CorruptFileException(file, e.getLocation() == null ? "invalid JSON: " + e.getOriginalMessage()
                    : "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new CorruptFileException(file, e.getMessage());
        }
    }

    /** The parser stands on START_OBJECT; as databind would read it: insertion order, the last duplicate wins. */
    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            values.put(key, value(parser));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected end of input in an object");
        }
        return values;
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected " + parser.currentToken());
        };
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonParseException(parser, "unexpected end of input in an array");
            }
            items.add(value(parser));
        }
        return items;
    }

    /**
     * A config as iocage writes it, through jackson-core's generator: databind's first use would cost a one-shot
     * {@code start} (which records {@code last_started}) as much as the rest of its run. A value that is not plain
     * JSON data (text, number, boolean, null, list, map) goes through databind as before.
     */
    public static String format(Map<String, Object> values) {
        Map<String, Object> sorted = new TreeMap<>(values);
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(printer());
            if (!writePlain(generator, sorted)) {
                return pretty(sorted);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot format config", e);
        }
        return out.toString();
    }

    /** Writes plain JSON data; false, at the first value of another kind, for databind to write the whole. */
    private static boolean writePlain(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return false;
                }
                generator.writeFieldName(key);
                if (!writePlain(generator, e.getValue())) {
                    return false;
                }
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                if (!writePlain(generator, item)) {
                    return false;
                }
            }
            generator.writeEndArray();
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else {
            return false;
        }
        return true;
    }

    public static void write(Path file, Map<String, Object> values) {
        AtomicFiles.write(file, format(values));
    }

    /** For output: any value as indented JSON. */
    public static String pretty(Object value) {
        try {
            return Writer.WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format JSON", e);
        }
    }
}
