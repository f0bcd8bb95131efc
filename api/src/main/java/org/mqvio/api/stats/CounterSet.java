package org.mqvio.api.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The counters a component reports, in the order reports print them: declared once, usually as a
 * constant, and handed to {@link Statistics#builder} each time the component takes a snapshot. Immutable;
 * no two counters share a name.
 */
public final class CounterSet {
    private final Counter[] counters;

    private CounterSet(Counter[] counters) {
        for (int i = 0; i < counters.length; i++) {
            Objects.requireNonNull(counters[i], "counter");
            for (int j = 0; j < i; j++) {
                if (counters[j].name().equals(counters[i].name())) {
                    throw new IllegalArgumentException("counter '" + counters[i].name() + "' declared twice in "
                            + Arrays.toString(counters));
                }
            }
        }
        this.counters = counters;
    }

    /**
     * The counters given, in that order.
     *
     * @throws IllegalArgumentException if two share a name
     */
    public static CounterSet of(Counter... counters) {
        return new CounterSet(counters.clone());
    }

    /**
     * These counters followed by {@code more}.
     *
     * @throws IllegalArgumentException if a name would occur twice
     */
    public CounterSet and(Counter... more) {
        Counter[] all = Arrays.copyOf(counters, counters.length + more.length);
        System.arraycopy(more, 0, all, counters.length, more.length);
        return new CounterSet(all);
    }

    /**
     * These counters followed by those of {@code more}.
     *
     * @throws IllegalArgumentException if a name would occur twice
     */
    public CounterSet and(CounterSet more) {
        return and(more.counters);
    }

    /** Each of these counters {@link Counter#in in} {@code scope}, in order. */
    public CounterSet in(String scope) {
        Counter[] scoped = new Counter[counters.length];
        for (int i = 0; i < scoped.length; i++) {
            scoped[i] = counters[i].in(scope);
        }
        return new CounterSet(scoped);
    }

    /** The counters, in order. */
    public List<Counter> counters() {
        return List.of(counters);
    }

    /** How many counters there are. */
    public int size() {
        return counters.length;
    }

    /** Whether {@code counter} (this very declaration) is one of these. */
    public boolean contains(Counter counter) {
        return indexOf(counter) >= 0;
    }

    /**
     * The counter of this name: for a reader that has a name and not the declaration, such as a test of a
     * component whose module exports nothing.
     *
     * @throws IllegalArgumentException if none has that name, naming the counters there are
     */
    public Counter named(String name) {
        for (Counter c : counters) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no counter named '" + name + "'; declared: " + names());
    }

    /** The position of {@code counter}, or -1. */
    int indexOf(Counter counter) {
        for (int i = 0; i < counters.length; i++) {
            if (counters[i].equals(counter)) {
                return i;
            }
        }
        return -1;
    }

    /** The position of {@code counter}, which must be one of these. */
    int require(Counter counter) {
        int i = indexOf(counter);
        if (i < 0) {
            throw new IllegalArgumentException(undeclared(counter));
        }
        return i;
    }

    private String undeclared(Counter counter) {
        for (Counter c : counters) {
            if (c.name().equals(counter.name())) {
                return "counter '" + counter.name() + "' (" + counter.meaning() + ") is not the '" + c.name()
                        + "' declared here (" + c.meaning() + ")";
            }
        }
        return "no counter '" + counter.name() + "' is declared here; declared: " + names();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(counters.length);
        for (Counter c : counters) {
            names.add(c.name());
        }
        return names;
    }

    Counter get(int index) {
        return counters[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterSet s && Arrays.equals(counters, s.counters);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counters);
    }

    /** The names, in order. */
    @Override
    public String toString() {
        return names().toString();
    }
}
