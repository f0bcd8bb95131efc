package org.mqvio.harness.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;

/** Loads the cost table file ({@code costs.properties}, each value with its unit and source). */
public final class CostTableFile {
    private static final String RESOURCE = "costs.properties";

    private CostTableFile() {
    }

    /** The default cost table shipped with mqvio. */
    public static CostTable defaults() {
        try (InputStream in = CostTableFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("cost table " + RESOURCE + " is missing from the harness");
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses a cost table: every cost of {@link Cost} exactly once, nothing else.
     *
     * @throws IllegalArgumentException naming the source and the key that is missing, unknown or invalid
     */
    public static CostTable parse(InputStream in, String source) throws IOException {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<Cost, Long> values = new EnumMap<>(Cost.class);
        for (String key : p.stringPropertyNames()) {
            Cost cost = Cost.byKey(key).orElseThrow(() -> new IllegalArgumentException(
                    source + ": unknown cost '" + key + "'; known costs: " + CostTable.knownKeys()));
            String text = p.getProperty(key).trim();
            try {
                values.put(cost, Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": " + key + "=" + text
                        + " is not a whole number of nanoseconds");
            }
        }
        try {
            return CostTable.of(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
