package org.mqvio.api.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parameter a provider accepts: its fully qualified name ({@code namespace.name}), type, default,
 * allowed values and a one-line description. Values arrive as text ({@code --set NAME=VALUE}) and are
 * parsed and checked here, so every provider reports bad values the same way.
 */
public final class ParameterSpec {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*\\.[a-z][a-z0-9_]*");

    /** The value types a parameter can have. */
    public enum Type { INT, LONG, DOUBLE, BOOLEAN, CHOICE, TEXT }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final String description;

    private ParameterSpec(String name, Type type, Object defaultValue, double min, double max, List<String> choices,
                          String description) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("parameter name '" + name
                    + "' must be namespace.name in lower case (for example virtio.queue_size)");
        }
        this.name = name;
        this.type = type;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.description = Objects.requireNonNull(description, "description");
        this.defaultValue = Objects.requireNonNull(defaultValue, "default");
        check(defaultValue);
    }

    /** An integer parameter in {@code [min, max]}. */
    public static ParameterSpec ofInt(String name, int defaultValue, int min, int max, String description) {
        return new ParameterSpec(name, Type.INT, defaultValue, min, max, List.of(), description);
    }

    /** A long integer parameter in {@code [min, max]} (sizes, nanoseconds). */
    public static ParameterSpec ofLong(String name, long defaultValue, long min, long max, String description) {
        return new ParameterSpec(name, Type.LONG, defaultValue, min, max, List.of(), description);
    }

    /** A floating-point parameter in {@code [min, max]}. */
    public static ParameterSpec ofDouble(String name, double defaultValue, double min, double max,
                                         String description) {
        return new ParameterSpec(name, Type.DOUBLE, defaultValue, min, max, List.of(), description);
    }

    /** A boolean parameter ({@code true}/{@code false}, also {@code 1}/{@code 0}, {@code on}/{@code off}). */
    public static ParameterSpec ofBoolean(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, Type.BOOLEAN, defaultValue, 0, 1, List.of(), description);
    }

    /** One of a fixed set of words. */
    public static ParameterSpec ofChoice(String name, String defaultValue, List<String> choices, String description) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + " needs at least one choice");
        }
        return new ParameterSpec(name, Type.CHOICE, defaultValue, 0, 0, choices, description);
    }

    /** Free text that the provider parses itself (for example a queue-to-thread mapping). */
    public static ParameterSpec ofText(String name, String defaultValue, String description) {
        return new ParameterSpec(name, Type.TEXT, defaultValue, 0, 0, List.of(), description);
    }

    /**
     * Parses and checks {@code text}.
     *
     * @throws IllegalArgumentException saying what was wrong and what is allowed
     */
    public Object parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        Object value;
        try {
            value = switch (type) {
                case INT -> Integer.parseInt(t.replace("_", ""));
                case LONG -> Long.parseLong(t.replace("_", ""));
                case DOUBLE -> Double.parseDouble(t);
                case BOOLEAN -> parseBoolean(t);
                case CHOICE, TEXT -> t;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + text + "' is not valid; allowed: " + allowed());
        }
        check(value);
        return value;
    }

    private Boolean parseBoolean(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> Boolean.TRUE;
            case "false", "0", "off", "no" -> Boolean.FALSE;
            default -> throw new NumberFormatException(t);
        };
    }

    private void check(Object value) {
        boolean ok = switch (type) {
            case INT, LONG, DOUBLE -> {
                double d = ((Number) value).doubleValue();
                yield d >= min && d <= max;
            }
            case CHOICE -> choices.contains(value);
            case BOOLEAN, TEXT -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException(name + "=" + value + " is out of range; allowed: " + allowed());
        }
    }

    /** What values are allowed, in words: {@code an integer in [2, 32768]}, {@code one of none, timer}. */
    public String allowed() {
        return switch (type) {
            case INT, LONG -> "an integer in [" + (long) min + ", " + (long) max + "]";
            case DOUBLE -> "a number in [" + min + ", " + max + "]";
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case TEXT -> "text";
        };
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public List<String> choices() {
        return choices;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name + " (" + allowed() + ", default " + defaultValue + "): " + description;
    }
}
