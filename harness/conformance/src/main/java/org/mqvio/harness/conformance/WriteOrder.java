package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.mqvio.api.Operation;
import org.mqvio.harness.stack.StackConfig;

/**
 * Invariant 4a (docs/architecture.md#invariant-4a): per hardware queue, commands reach the device in submission order
 * unless a scheduler that may reorder is configured. Checked on writes, which the kit traces exactly by their
 * data: two writes of one job that reach the same device queue are accepted by the device in the order the job
 * submitted them.
 *
 * <p>Merging is not reordering: a write merged into a command that carries an earlier-submitted write (of any
 * job: a back or front merge in a block layer, or the IoThread's merge of adjacent requests) travels at that
 * command's place and is not checked on its own; the command is checked through its earliest write. Writes in
 * flight together that overlap have no order the block layer must keep (Linux keeps none either); only the
 * flush barrier orders them. That a merge never carries a write
 * across a flush is {@link FlushBarrier}'s to check.
 * Skipped when {@code reorderingAllowed} says the stack may reorder.
 */
final class WriteOrder implements Invariant {
    static final String NAME = "per-queue order";

    private final Predicate<StackConfig> reorderingAllowed;

    WriteOrder(Predicate<StackConfig> reorderingAllowed) {
        this.reorderingAllowed = reorderingAllowed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(RunRecord run) {
        Trace trace = new Trace(run.log());
        if (run.rejected() || !trace.dataCarried || reorderingAllowed.test(run.conformanceCase().stack())) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        for (int job : trace.jobs()) {
            Map<Integer, Trace.Request> latestPerQueue = new HashMap<>();
            for (Trace.Request r : trace.jobRequests(job)) {
                Trace.Command first = r.submitted().operation() == Operation.WRITE ? trace.firstCarrier(r.id()) : null;
                if (first == null || mergedBehindEarlierWrite(trace, first, r)) {
                    continue;
                }
                int queue = first.queued().queue();
                Trace.Request before = latestPerQueue.get(queue);
                if (before != null) {
                    Trace.Command earlier = trace.firstCarrier(before.id());
                    if (earlier.id() > first.id()) {
                        out.add(new Violation(NAME, "write " + r.label() + " reached device queue " + queue
                                + " (command " + first.id() + " at " + first.queued().timeNs() + " ns) before write "
                                + before.label() + ", which job " + job + " submitted earlier (command " + earlier.id()
                                + " at " + earlier.queued().timeNs() + " ns)",
                                Set.of(r.id(), before.id()), Set.of(first.id(), earlier.id())));
                        continue;
                    }
                }
                latestPerQueue.put(queue, r);
            }
        }
        return out;
    }

    private static boolean mergedBehindEarlierWrite(Trace trace, Trace.Command command, Trace.Request r) {
        for (long other : trace.carriedBy(command.id())) {
            Trace.Request o = trace.requests.get(other);
            if (other != r.id() && o != null && o.submitted().timeNs() <= r.submitted().timeNs()
                    && (RequestIds.job(other) != RequestIds.job(r.id())
                    || RequestIds.index(other) < RequestIds.index(r.id()))) {
                return true;
            }
        }
        return false;
    }
}
