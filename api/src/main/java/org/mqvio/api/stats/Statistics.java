package org.mqvio.api.stats;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.function.ObjLongConsumer;

/**
 * A snapshot of a component's counters: the {@link CounterSet} it declares and a value for each. Readers
 * ask for a counter by its declaration ({@code stats.get(Virtqueue.KICKS)}); asking for one the snapshot
 * does not declare throws, so a wrong counter never reads as 0. Immutable.
 */
public final class Statistics {
    private final CounterSet counters;
    private final long[] values;

    private Statistics(CounterSet counters, long[] values) {
        this.counters = counters;
        this.values = values;
    }

    /** A builder of a snapshot of {@code counters}, which takes each counter's value once. */
    public static Builder builder(CounterSet counters) {
        return new Builder(Objects.requireNonNull(counters, "counters"));
    }

    /** A snapshot of {@code counters} with every value 0. */
    public static Statistics zeros(CounterSet counters) {
        return new Statistics(Objects.requireNonNull(counters, "counters"), new long[counters.size()]);
    }

    /** The counters this snapshot declares, in order. */
    public CounterSet counters() {
        return counters;
    }

    /**
     * The value of {@code counter}.
     *
     * @throws IllegalArgumentException if this snapshot does not declare it, naming what it declares
     */
    public long get(Counter counter) {
        return values[counters.require(counter)];
    }

    /** Whether this snapshot declares {@code counter}. */
    public boolean declares(Counter counter) {
        return counters.contains(counter);
    }

    /** Calls {@code action} with each counter and its value, in declaration order. */
    public void forEach(ObjLongConsumer<Counter> action) {
        for (int i = 0; i < values.length; i++) {
            action.accept(counters.get(i), values[i]);
        }
    }

    /**
     * What was counted since {@code earlier}: each value minus the earlier one.
     *
     * @throws IllegalArgumentException if {@code earlier} declares other counters
     */
    public Statistics minus(Statistics earlier) {
        if (!earlier.counters.equals(counters)) {
            throw new IllegalArgumentException("cannot subtract a snapshot of " + earlier.counters + " from one of "
                    + counters);
        }
        long[] d = new long[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i] - earlier.values[i];
        }
        return new Statistics(counters, d);
    }

    /**
     * The sum of {@code counter} over {@code parts}, each of which must declare it (0 when there are none).
     *
     * @throws IllegalArgumentException if a part does not declare it
     */
    public static long total(Counter counter, Collection<Statistics> parts) {
        long sum = 0;
        for (Statistics s : parts) {
            sum += s.get(counter);
        }
        return sum;
    }

    /**
     * The sum of {@code counter} over those of {@code parts} that declare it: for a counter only some
     * implementations report, such as {@code fua_emulated} of a block layer that emulates FUA.
     */
    public static long totalWhereDeclared(Counter counter, Collection<Statistics> parts) {
        long sum = 0;
        for (Statistics s : parts) {
            int i = s.counters.indexOf(counter);
            if (i >= 0) {
                sum += s.values[i];
            }
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Statistics s && counters.equals(s.counters) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * counters.hashCode() + Arrays.hashCode(values);
    }

    /** {@code {name=value, ...}} in declaration order. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        forEach((c, v) -> b.append(b.length() > 1 ? ", " : "").append(c.name()).append('=').append(v));
        return b.append('}').toString();
    }

    /** Takes each declared counter's value once, then {@link #build builds} the snapshot. */
    public static final class Builder {
        private final CounterSet counters;
        private final long[] values;
        private final boolean[] given;

        private Builder(CounterSet counters) {
            this.counters = counters;
            this.values = new long[counters.size()];
            this.given = new boolean[counters.size()];
        }

        /**
         * Gives {@code counter}'s value.
         *
         * @throws IllegalArgumentException if the set does not declare it
         * @throws IllegalStateException    if it was given already
         */
        public Builder put(Counter counter, long value) {
            int i = counters.require(counter);
            if (given[i]) {
                throw new IllegalStateException("counter '" + counter.name() + "' given twice");
            }
            given[i] = true;
            values[i] = value;
            return this;
        }

        /**
         * The snapshot.
         *
         * @throws IllegalStateException if a declared counter was not given
         */
        public Statistics build() {
            for (int i = 0; i < given.length; i++) {
                if (!given[i]) {
                    throw new IllegalStateException("counter '" + counters.get(i).name() + "' is declared but was"
                            + " not given; declared: " + counters);
                }
            }
            return new Statistics(counters, values.clone());
        }
    }
}
