package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.mqvio.api.spi.ParameterSpec;

/**
 * The values the kit tries for a provider parameter, derived from its {@link ParameterSpec}: the default
 * first (where shrinking goes), then the other choices of a CHOICE, the other BOOLEAN, and for numbers the
 * small values -1, 0, 1, 2, 4, 8 and 64 (LONG also 1000 and 100000) that the spec accepts. TEXT parameters
 * keep their default unless a {@link StackSpace} names values. The default is drawn twice as often as
 * the rest together, so most parameters keep their defaults in any one stack.
 */
final class ParameterCandidates {
    private static final long[] NUMBERS = {-1, 0, 1, 2, 4, 8, 64};
    private static final long[] LONG_NUMBERS = {1_000, 100_000};
    private static final double[] DOUBLES = {0, 0.5, 1, 2};

    private ParameterCandidates() {
    }

    /** The candidate values of {@code spec}, default first. */
    static List<String> of(ParameterSpec spec) {
        Set<String> values = new LinkedHashSet<>();
        values.add(String.valueOf(spec.defaultValue()));
        switch (spec.type()) {
            case BOOLEAN -> values.add(String.valueOf(!(Boolean) spec.defaultValue()));
            case CHOICE -> values.addAll(spec.choices());
            case INT, LONG -> {
                for (long n : NUMBERS) {
                    addIfAccepted(values, spec, String.valueOf(n));
                }
                if (spec.type() == ParameterSpec.Type.LONG) {
                    for (long n : LONG_NUMBERS) {
                        addIfAccepted(values, spec, String.valueOf(n));
                    }
                }
            }
            case DOUBLE -> {
                for (double d : DOUBLES) {
                    addIfAccepted(values, spec, String.valueOf(d));
                }
            }
            case TEXT -> {
            }
        }
        return new ArrayList<>(values);
    }

    /** An arbitrary over {@code values}: the first twice as likely as all others together. */
    static Arbitrary<String> arbitrary(List<String> values) {
        if (values.size() == 1) {
            return Arbitraries.just(values.get(0));
        }
        List<Tuple.Tuple2<Integer, String>> weighted = new ArrayList<>();
        weighted.add(Tuple.of(2 * (values.size() - 1), values.get(0)));
        for (int i = 1; i < values.size(); i++) {
            weighted.add(Tuple.of(1, values.get(i)));
        }
        return Arbitraries.frequency(weighted);
    }

    /**
     * Values for every parameter of {@code specs}: a map of the ones that differ from their defaults (so a
     * printed case names only what was changed).
     */
    static Arbitrary<Map<String, String>> settings(List<ParameterSpec> specs) {
        if (specs.isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        List<Arbitrary<String>> values = specs.stream().map(s -> arbitrary(of(s))).toList();
        return Combinators.combine(values).as(chosen -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                if (!chosen.get(i).equals(String.valueOf(specs.get(i).defaultValue()))) {
                    m.put(specs.get(i).name(), chosen.get(i));
                }
            }
            return m;
        });
    }

    private static void addIfAccepted(Set<String> values, ParameterSpec spec, String value) {
        try {
            values.add(String.valueOf(spec.parse(value)));
        } catch (IllegalArgumentException outOfRange) {
            // not a value of this parameter
        }
    }
}
