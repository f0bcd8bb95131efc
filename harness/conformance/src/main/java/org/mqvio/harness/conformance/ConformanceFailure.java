package org.mqvio.harness.conformance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run broke an invariant. The message is the counter-example, readable on its own: the violations, the
 * stack, the seed, the line that replays it, and the events of the requests involved (every event when the
 * log is short, as it is once jqwik has shrunk the case).
 */
public final class ConformanceFailure extends AssertionError {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN_VIOLATIONS = 5;
    private static final int SHOWN_EVENTS = 60;

    private final transient RunRecord run;
    private final transient List<Violation> violations;

    /** A failure of {@code run} with {@code violations} (at least one). */
    public ConformanceFailure(RunRecord run, List<Violation> violations) {
        super(message(run, violations));
        this.run = run;
        this.violations = List.copyOf(violations);
    }

    /** The run that failed. */
    public RunRecord run() {
        return run;
    }

    /** Every violation found. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(RunRecord run, List<Violation> violations) {
        StringBuilder sb = new StringBuilder();
        sb.append("conformance violated: ").append(violations.get(0).invariant());
        Set<Long> requests = new HashSet<>();
        Set<Long> commands = new HashSet<>();
        for (int i = 0; i < violations.size() && i < SHOWN_VIOLATIONS; i++) {
            Violation v = violations.get(i);
            sb.append("\n  - ").append(v);
            requests.addAll(v.requests());
            commands.addAll(v.commands());
        }
        if (violations.size() > SHOWN_VIOLATIONS) {
            sb.append("\n  ... and ").append(violations.size() - SHOWN_VIOLATIONS).append(" more");
        }
        ConformanceCase c = run.conformanceCase();
        sb.append("\nstack:   ").append(c.stackOptions());
        sb.append("\nseed:    ").append(c.stack().seed());
        sb.append("\nfaults:  ").append(c.faults());
        sb.append("\nreplay:  ConformanceCheck.replay(\"").append(c.commandLine()).append("\")");
        sb.append("\n         (the stack alone, under a fio job: ./mqvio run ").append(c.stackOptions()).append(")");
        sb.append('\n').append(run.log().excerpt(requests, commands, SHOWN_EVENTS));
        return sb.toString();
    }
}
