package org.mqvio.api.cost;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An immutable, complete assignment of a value in nanoseconds to every {@link Cost}. Built from the cost
 * table file and then from per-run overrides; every key must have a value and every value is
 * {@code >= 0}, so a table in use never has a gap.
 */
public final class CostTable {
    /**
     * The largest value a cost may have: one second. No operation the model charges comes near it, and with it the
     * simulation's clock (at most hours of virtual time, plus costs times the contexts that wait) stays far from
     * overflowing a {@code long} of nanoseconds.
     */
    public static final long MAX_NS = 1_000_000_000L;

    private final long[] values;

    private CostTable(long[] values) {
        this.values = values;
    }

    /** The value of {@code cost} in nanoseconds. */
    public long get(Cost cost) {
        return values[cost.ordinal()];
    }

    /** Every cost and its value, in declaration order. */
    public Map<Cost, Long> asMap() {
        EnumMap<Cost, Long> map = new EnumMap<>(Cost.class);
        for (Cost c : Cost.values()) {
            map.put(c, values[c.ordinal()]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** A copy of this table with {@code cost} set to {@code valueNs}. */
    public CostTable with(Cost cost, long valueNs) {
        checkValue(cost, valueNs);
        long[] copy = values.clone();
        copy[cost.ordinal()] = valueNs;
        return new CostTable(copy);
    }

    /**
     * A copy of this table with the cost named {@code key} set from the text {@code value}.
     *
     * @throws IllegalArgumentException naming the allowed keys, or the allowed values, when either is wrong
     */
    public CostTable with(String key, String value) {
        Cost cost = Cost.byKey(key).orElseThrow(() -> new IllegalArgumentException(
                "unknown cost '" + key + "'; known costs: " + knownKeys()));
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cost." + key + "='" + value
                    + "' is not a whole number of nanoseconds; allowed: an integer from 0 to " + MAX_NS);
        }
        return with(cost, parsed);
    }

    /** A table with every cost set to zero: useful for tests of pure logic. */
    public static CostTable zero() {
        return new CostTable(new long[Cost.values().length]);
    }

    /**
     * A table from a map that must name every cost.
     *
     * @throws IllegalArgumentException naming the missing keys or a negative value
     */
    public static CostTable of(Map<Cost, Long> valuesNs) {
        Objects.requireNonNull(valuesNs, "valuesNs");
        String missing = Arrays.stream(Cost.values()).filter(c -> !valuesNs.containsKey(c))
                .map(Cost::key).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("cost table is missing: " + missing);
        }
        long[] v = new long[Cost.values().length];
        valuesNs.forEach((c, ns) -> {
            checkValue(c, ns);
            v[c.ordinal()] = ns;
        });
        return new CostTable(v);
    }

    /** The keys of every cost, comma-separated. */
    public static String knownKeys() {
        return Arrays.stream(Cost.values()).map(Cost::key).collect(Collectors.joining(", "));
    }

    private static void checkValue(Cost cost, long valueNs) {
        if (valueNs < 0 || valueNs > MAX_NS) {
            throw new IllegalArgumentException("cost." + cost.key() + "=" + valueNs + " is "
                    + (valueNs < 0 ? "negative" : "above the limit " + MAX_NS) + "; allowed: an integer from 0 to "
                    + MAX_NS + " (nanoseconds, at most one second)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CostTable t && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "CostTable[", "]"));
    }
}
