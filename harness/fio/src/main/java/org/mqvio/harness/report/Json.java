package org.mqvio.harness.report;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * fio's JSON, through Jackson. Writes the way fio lays it out: two-space indentation, {@code "key" : value},
 * {@code {}} and {@code []} when empty, integers as integers and other numbers with six decimals (fio's
 * {@code %f}; a non-finite number is written as 0), control characters other than {@code \n \r \t} as
 * {@code \}{@code u00xx}. Values are {@link Map} (insertion order kept), {@link List}, {@link String},
 * {@link Number}, {@link Boolean} or null. Reads any JSON into Jackson's tree, strictly: one value, no
 * repeated key.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new FioEscapes())
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .addModule(new SimpleModule("fio-decimals")
                    .addSerializer(Double.class, new FioDecimal())
                    .addSerializer(Float.class, new FioDecimal()))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writer(fioLayout());
    private static final ObjectWriter LINE = MAPPER.writer();

    private Json() {
    }

    /** {@code value} as JSON text in fio's layout, ending with a newline. */
    public static String write(Object value) {
        return write(PRETTY, value) + "\n";
    }

    /** {@code value} on one line (for JSON lines files). */
    public static String writeLine(Object value) {
        return write(LINE, value);
    }

    /**
     * Parses one JSON value filling {@code text} (surrounding white space allowed).
     *
     * @throws IllegalArgumentException at the first syntax error, with its line and column
     */
    public static JsonNode parse(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON syntax error at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("JSON syntax error: no value");
        }
        return node;
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static DefaultPrettyPrinter fioLayout() {
        DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.BOTH)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(twoSpaces)
                .withArrayIndenter(twoSpaces);
    }

    /** A decimal number as fio prints it: {@code %f}, six decimals; 0 for NaN and the infinities. */
    private static final class FioDecimal extends StdSerializer<Number> {
        private static final long serialVersionUID = 1L;

        FioDecimal() {
            super(Number.class);
        }

        @Override
        public void serialize(Number value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            gen.writeNumber(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6f", d) : "0");
        }
    }

    /** JSON's escapes, except that backspace and form feed are written as {@code \}{@code u0008}, {@code \}{@code u000c}. */
    private static final class FioEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] codes = standardAsciiEscapesForJSON();

        FioEscapes() {
            codes['\b'] = ESCAPE_STANDARD;
            codes['\f'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
