package org.mqvio.harness.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Invariant 6a (docs/architecture.md#invariant-6a): nothing thrown.
 * No component throws: a request completed twice ({@link org.mqvio.api.BlockRequest#complete} throws), a
 * broken invariant inside a component, a configuration refused with anything but
 * {@link IllegalArgumentException}.
 */
final class NothingThrown implements Invariant {
    static final String NAME = "nothing thrown";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(RunRecord run) {
        return run.failure().map(t -> List.of(Violation.of(NAME, (run.statistics().isEmpty()
                ? "building the stack threw (a bad configuration must be an IllegalArgumentException saying why): "
                : "a component threw at " + run.endNs() + " ns: ") + t + "\n      at "
                + Arrays.stream(t.getStackTrace()).limit(6).map(String::valueOf)
                        .collect(Collectors.joining("\n      at "))))).orElse(List.of());
    }
}
