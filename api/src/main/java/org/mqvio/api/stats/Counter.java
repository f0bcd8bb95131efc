package org.mqvio.api.stats;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A counter a component declares once, as a constant: its name (as reports and JSON print it), its
 * {@link Unit} and a one-line meaning. Readers hold the constant and ask a {@link Statistics} snapshot for
 * it; a snapshot that does not declare it throws instead of answering 0.
 *
 * <p>Two counters are equal when name, unit and meaning are: a declaration is its value. A
 * {@link CounterSet} never holds two counters of the same name.
 */
public final class Counter {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final String name;
    private final Unit unit;
    private final String meaning;

    private Counter(String name, Unit unit, String meaning) {
        this.name = name;
        this.unit = unit;
        this.meaning = meaning;
    }

    /**
     * Declares a counter.
     *
     * @param name    lower case letters, digits and underscores, starting with a letter ({@code kick_suppressed})
     * @param unit    what its value counts
     * @param meaning one line saying what it counts
     * @throws IllegalArgumentException if the name is not of that form or the meaning is blank
     * @throws NullPointerException     if an argument is null
     */
    public static Counter declare(String name, Unit unit, String meaning) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(meaning, "meaning");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("counter name '" + name + "' must be lower case letters, digits and"
                    + " underscores, starting with a letter");
        }
        if (meaning.isBlank()) {
            throw new IllegalArgumentException("counter '" + name + "' needs a meaning");
        }
        return new Counter(name, unit, meaning);
    }

    /**
     * This counter as counted for one part or one group of parts of a component, named
     * {@code scope_name}: {@code hwq0_dispatched} for hardware queue 0, {@code iothread_loops} for every
     * IoThread, {@code kick_signals} for the kick notifiers.
     *
     * @throws IllegalArgumentException if the scope does not make a valid name
     */
    public Counter in(String scope) {
        return declare(scope + "_" + name, unit, meaning + " [" + scope + "]");
    }

    /** The name reports print. */
    public String name() {
        return name;
    }

    /** What the value counts. */
    public Unit unit() {
        return unit;
    }

    /** One line saying what it counts. */
    public String meaning() {
        return meaning;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counter c && name.equals(c.name) && unit == c.unit && meaning.equals(c.meaning);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, unit, meaning);
    }

    /** The name. */
    @Override
    public String toString() {
        return name;
    }
}
