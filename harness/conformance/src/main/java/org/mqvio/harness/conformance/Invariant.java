package org.mqvio.harness.conformance;

import java.util.List;

/**
 * A property every run of a correct stack has, checked on the run's {@link RunRecord}: its event log, its
 * resource counts after the drain, what was thrown. {@link Invariants} has the standard ones (numbered in
 * docs/architecture.md#invariants); a user can add their own.
 */
public interface Invariant {

    /** A short name for reports ({@code "exactly-once completion"}). */
    String name();

    /**
     * The ways {@code run} breaks this invariant; empty when it holds or does not apply to the run (for
     * example read-your-writes on a device that stores no data).
     */
    List<Violation> check(RunRecord run);
}
