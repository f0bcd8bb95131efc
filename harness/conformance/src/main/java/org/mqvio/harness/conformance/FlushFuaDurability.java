package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.Operation;

/**
 * Invariant 3b (docs/architecture.md#invariant-3b), on the device's trace: a flush completes only after every write
 * completed before it was submitted is durable, and a FUA write only once it is durable itself. A write is
 * durable at the device once the command that carried it completed with FUA, or a device flush accepted after
 * that command completed has completed OK. Writes are traced by their data; when the stack carries none this
 * does not apply. These are the writes a power loss must keep; this checks the obligations on the trace, on
 * any device ({@link PowerLossDurability} cuts the power where a device can lose it). Over a driver without FUA (virtio-blk), a block layer meets them by
 * sending the write without FUA and then a flush before the FUA write completes.
 */
final class FlushFuaDurability implements Invariant {
    static final String NAME = "flush and FUA durability";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(RunRecord run) {
        Trace trace = new Trace(run.log());
        if (run.rejected() || !trace.dataCarried) {
            return List.of();
        }
        List<Trace.Command> deviceFlushes = trace.commandsAfter(Operation.FLUSH, 0);
        List<Violation> out = new ArrayList<>();
        for (Trace.Request r : trace.requests.values()) {
            Event.Completed c = r.completion();
            if (c == null || !c.status().isOk()) {
                continue;
            }
            if (r.submitted().operation() == Operation.WRITE && r.submitted().fua()) {
                String why = notDurable(trace, deviceFlushes, r, c.timeNs());
                if (why != null) {
                    out.add(Violation.of(NAME, "FUA write " + r.label() + " completed at " + c.timeNs() + " ns but "
                            + why, r.id()));
                }
            } else if (r.submitted().operation() == Operation.FLUSH) {
                for (Trace.Request w : trace.requests.values()) {
                    Event.Completed wc = w.completion();
                    if (w.submitted().operation() == Operation.WRITE && wc != null && wc.status().isOk()
                            && wc.timeNs() < r.submitted().timeNs()) {
                        String why = notDurable(trace, deviceFlushes, w, c.timeNs());
                        if (why != null) {
                            out.add(Violation.of(NAME, "flush " + r.label() + " completed at " + c.timeNs()
                                    + " ns but write " + w.label() + ", completed before the flush was submitted, "
                                    + why, r.id(), w.id()));
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Why write {@code w} is not durable by {@code deadlineNs}, or null when it is. */
    private static String notDurable(Trace trace, List<Trace.Command> flushes, Trace.Request w, long deadlineNs) {
        for (Trace.Command cmd : trace.carriers.getOrDefault(w.id(), List.of())) {
            if (!cmd.completedOk() || cmd.completed().timeNs() > deadlineNs || cmd.queued().fua()) {
                continue;
            }
            long written = cmd.completed().timeNs();
            boolean flushed = flushes.stream().anyMatch(f -> f.queued().timeNs() >= written && f.completedOk()
                    && f.completed().timeNs() <= deadlineNs);
            if (!flushed) {
                return "reached the device in command " + cmd.id() + " without FUA, and no device flush accepted after"
                        + " that command completed had completed by then";
            }
        }
        return null;
    }
}
