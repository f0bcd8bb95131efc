package org.mqvio.harness.conformance;

import java.util.Objects;
import java.util.Set;

/**
 * One way a run broke an {@link Invariant}: which invariant, what happened in words, and the requests and
 * device commands involved (their events are what a counter-example prints).
 *
 * @param invariant the invariant's name
 * @param message   what happened, naming requests as {@code #job.index} and device commands by number
 * @param requests  ids of the jobs' requests involved
 * @param commands  numbers of the device commands involved
 */
public record Violation(String invariant, String message, Set<Long> requests, Set<Long> commands) {
    public Violation {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(message, "message");
        requests = Set.copyOf(requests);
        commands = Set.copyOf(commands);
    }

    /** A violation involving the given requests. */
    static Violation of(String invariant, String message, Long... requests) {
        return new Violation(invariant, message, Set.of(requests), Set.of());
    }

    @Override
    public String toString() {
        return invariant + ": " + message;
    }
}
