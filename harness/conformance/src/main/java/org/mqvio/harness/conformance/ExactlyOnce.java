package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Invariant 1a (docs/architecture.md#invariant-1a): every request a job submits completes exactly once, nothing is lost
 * or duplicated; and every command the device accepts completes exactly once.
 */
final class ExactlyOnce implements Invariant {
    static final String NAME = "exactly-once completion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(RunRecord run) {
        if (run.rejected()) {
            return List.of();
        }
        Trace trace = new Trace(run.log());
        List<Violation> out = new ArrayList<>();
        for (Trace.Request r : trace.requests.values()) {
            int n = r.completions().size();
            if (n == 0 && run.failure().isEmpty()) {
                out.add(Violation.of(NAME, "request " + r.label() + " (" + r.submitted().what()
                        + ") was submitted at " + r.submitted().timeNs() + " ns and never completed (the run stopped at "
                        + run.endNs() + " ns, after " + ConformanceRun.STALL_NS + " ns without a completion)", r.id()));
            } else if (n > 1) {
                out.add(Violation.of(NAME, "request " + r.label() + " completed " + n + " times", r.id()));
            }
        }
        for (Event.Completed c : trace.unknownCompletions) {
            out.add(Violation.of(NAME, "a completion arrived for " + RequestIds.label(c.request())
                    + ", which no job submitted", c.request()));
        }
        for (Event e : run.log().events()) {
            if (e instanceof Event.Anomaly a) {
                out.add(new Violation(NAME, a.message(), Set.of(), Set.of()));
            }
        }
        if (run.failure().isEmpty()) {
            for (Trace.Command c : trace.commands.values()) {
                if (c.completed() == null) {
                    out.add(new Violation(NAME, "the device never completed command " + c.id() + " ("
                            + c.queued().what() + ")", Set.of(), Set.of(c.id())));
                }
            }
        }
        return out;
    }
}
