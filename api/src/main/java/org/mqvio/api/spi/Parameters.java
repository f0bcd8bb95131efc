package org.mqvio.api.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resolved parameter values: every declared parameter has a value (its default unless set), every value
 * has been parsed and range-checked by its {@link ParameterSpec}. Immutable.
 */
public final class Parameters {
    private final Map<String, ParameterSpec> specs;
    private final Map<String, Object> values;

    private Parameters(Map<String, ParameterSpec> specs, Map<String, Object> values) {
        this.specs = specs;
        this.values = values;
    }

    /** No parameters at all. */
    public static Parameters empty() {
        return new Parameters(Map.of(), Map.of());
    }

    /**
     * Resolves {@code settings} (name to text) against {@code specs}.
     *
     * @throws IllegalArgumentException for a name no spec declares (listing the known names) or a bad value
     */
    public static Parameters resolve(Collection<ParameterSpec> specs, Map<String, String> settings) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            ParameterSpec previous = byName.putIfAbsent(s.name(), s);
            if (previous != null && previous.type() != s.type()) {
                throw new IllegalArgumentException("parameter " + s.name() + " is declared twice with different types");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        byName.forEach((n, s) -> values.put(n, s.defaultValue()));
        settings.forEach((n, text) -> {
            ParameterSpec s = byName.get(n);
            if (s == null) {
                throw new IllegalArgumentException("unknown parameter '" + n + "'; known parameters: "
                        + String.join(", ", new TreeSet<>(byName.keySet())));
            }
            values.put(n, s.parse(text));
        });
        return new Parameters(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(values));
    }

    public int getInt(String name) {
        return (Integer) value(name, ParameterSpec.Type.INT);
    }

    public long getLong(String name) {
        return (Long) value(name, ParameterSpec.Type.LONG);
    }

    public double getDouble(String name) {
        return (Double) value(name, ParameterSpec.Type.DOUBLE);
    }

    public boolean getBoolean(String name) {
        return (Boolean) value(name, ParameterSpec.Type.BOOLEAN);
    }

    /** The value of a CHOICE or TEXT parameter. */
    public String getString(String name) {
        ParameterSpec s = spec(name);
        if (s.type() != ParameterSpec.Type.CHOICE && s.type() != ParameterSpec.Type.TEXT) {
            throw new IllegalArgumentException("parameter " + name + " is " + s.type() + ", not text");
        }
        return (String) values.get(name);
    }

    /** Every value, by name, as text. */
    public Map<String, String> asText() {
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()),
                (a, b) -> a, LinkedHashMap::new));
    }

    private Object value(String name, ParameterSpec.Type type) {
        ParameterSpec s = spec(name);
        if (s.type() != type) {
            throw new IllegalArgumentException("parameter " + name + " is " + s.type() + ", not " + type);
        }
        return values.get(name);
    }

    private ParameterSpec spec(String name) {
        ParameterSpec s = specs.get(Objects.requireNonNull(name, "name"));
        if (s == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not declared; declared: " + specs.keySet());
        }
        return s;
    }

    @Override
    public String toString() {
        return "Parameters" + values;
    }
}
