package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Assume;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.spi.ProviderRegistry;

/**
 * The checker: runs a case and checks invariants on it, throwing a readable {@link ConformanceFailure} when
 * one breaks; compares two runs for invariants 5a and 5b (docs/architecture.md#invariants: same seed, same result; MQ
 * with one vCPU like the baseline with one vCPU). Usable from any test, with or without jqwik driving it.
 */
public final class ConformanceCheck {
    private ConformanceCheck() {
    }

    /** Every violation of {@code invariants} in {@code run}. */
    public static List<Violation> violations(RunRecord run, List<Invariant> invariants) {
        List<Violation> out = new ArrayList<>();
        for (Invariant i : invariants) {
            out.addAll(i.check(run));
        }
        return out;
    }

    /**
     * Checks {@code invariants} on {@code run}.
     *
     * @throws ConformanceFailure naming every violation, with the case and its events
     */
    public static void assertHolds(RunRecord run, List<Invariant> invariants) {
        List<Violation> v = violations(run, invariants);
        if (!v.isEmpty()) {
            throw new ConformanceFailure(run, v);
        }
    }

    /**
     * Runs {@code conformanceCase} and checks {@code invariants}. A configuration the providers reject (an
     * {@link IllegalArgumentException} while building) is not a failure: inside a jqwik property it is
     * discarded ({@link Assume}), and it is returned as rejected otherwise.
     *
     * @throws ConformanceFailure when an invariant breaks
     */
    public static RunRecord check(ProviderRegistry registry, ConformanceCase conformanceCase, List<Invariant> invariants) {
        RunRecord run = ConformanceRun.run(registry, conformanceCase);
        Assume.that(!run.rejected());
        assertHolds(run, invariants);
        return run;
    }

    /**
     * Replays a counter-example from its command line ({@link ConformanceCase#parse}) on the providers found,
     * with the standard invariants (reordering allowed as {@link StackSpace#mayReorderByDefault} says).
     *
     * @throws ConformanceFailure when it still breaks an invariant
     * @throws IllegalArgumentException when the providers reject the case's configuration
     */
    public static RunRecord replay(String commandLine) {
        RunRecord run = ConformanceRun.replay(commandLine);
        if (run.rejected()) {
            throw new IllegalArgumentException("the providers reject this configuration: " + run.rejection().get());
        }
        assertHolds(run, Invariants.standard(StackSpace::mayReorderByDefault));
        return run;
    }

    /**
     * Runs {@code conformanceCase} twice and checks both runs fired the same events and the jobs saw the same
     * completions, at the same times, with the same statuses and data.
     *
     * @throws ConformanceFailure naming the first event that differs
     */
    public static void assertDeterministic(ProviderRegistry registry, ConformanceCase conformanceCase) {
        assertDeterministic(registry, conformanceCase, UnaryOperator.identity());
    }

    /** As {@link #assertDeterministic(ProviderRegistry, ConformanceCase)}, each run with {@code path} (kit tests). */
    static void assertDeterministic(ProviderRegistry registry, ConformanceCase conformanceCase,
                                    UnaryOperator<StorageDevice> path) {
        RunRecord a = ConformanceRun.run(registry, conformanceCase, path);
        Assume.that(!a.rejected());
        RunRecord b = ConformanceRun.run(registry, conformanceCase, path);
        if (a.digest() != b.digest() || a.resultDigest() != b.resultDigest()) {
            throw new ConformanceFailure(b, List.of(new Violation("determinism", "the same case and seed ran twice"
                    + " differently (trace digests " + a.digest() + " and " + b.digest() + "); " + firstDifference(a, b),
                    Set.of(), Set.of())));
        }
    }

    /**
     * Runs {@code reference} and {@code candidate}, which must differ only in their stacks, and checks the jobs
     * saw the same completions at the same times with the same statuses (used for: MQ with one vCPU behaves
     * like the baseline with one vCPU).
     *
     * @throws ConformanceFailure naming the first completion that differs
     */
    public static void assertSameResults(ProviderRegistry registry, ConformanceCase reference, ConformanceCase candidate) {
        Objects.requireNonNull(candidate, "candidate");
        RunRecord a = ConformanceRun.run(registry, reference);
        RunRecord b = ConformanceRun.run(registry, candidate);
        Assume.that(!a.rejected() && !b.rejected());
        if (a.resultDigest() != b.resultDigest()) {
            throw new ConformanceFailure(b, List.of(new Violation("same results", "the jobs saw different completions on "
                    + candidate.stackOptions() + " than on the reference " + reference.stackOptions() + "; "
                    + firstDifference(a, b), Set.of(), Set.of())));
        }
    }

    private static String firstDifference(RunRecord a, RunRecord b) {
        List<Event.Completed> x = a.log().of(Event.Completed.class);
        List<Event.Completed> y = b.log().of(Event.Completed.class);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Event.Completed p = x.get(i);
            Event.Completed q = y.get(i);
            if (p.request() != q.request() || p.timeNs() != q.timeNs() || p.status() != q.status()
                    || !java.util.Arrays.equals(p.data(), q.data())) {
                return "completion " + i + " was [" + EventLog.format(p).trim() + "], then ["
                        + EventLog.format(q).trim() + "]";
            }
        }
        if (x.size() != y.size()) {
            return "the runs completed " + x.size() + " and " + y.size() + " requests";
        }
        return "every completion is the same; events inside the stack differ";
    }
}
