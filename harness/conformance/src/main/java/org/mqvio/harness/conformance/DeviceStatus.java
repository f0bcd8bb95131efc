package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mqvio.api.Operation;

/**
 * Invariant 1b (docs/architecture.md#invariant-1b): a request completes with the status the device gave it. Layers
 * may translate a status (virtio-blk has only OK, IOERR and UNSUPP), so the check is on success: a request
 * that succeeds was served by device commands of its operation, accepted and completed OK while it was in
 * flight, that cover every sector it addresses; a request that fails either lies outside the device or
 * overlaps a command of its operation that failed while it was in flight. A flush that fails needs a failed
 * device flush; a flush may succeed without reaching the device. A FUA write may also fail because a device
 * flush failed while it was in flight: over a driver without FUA the block layer follows the write with a flush
 * and gives the FUA write the flush's status (Linux's blk-flush does the same).
 */
final class DeviceStatus implements Invariant {
    static final String NAME = "completion with the device's status";

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
            Event.Completed c = r.completion();
            if (c != null) {
                check(trace, r, c, run.capacitySectors(), out);
            }
        }
        return out;
    }

    private static void check(Trace trace, Trace.Request r, Event.Completed c, long capacity, List<Violation> out) {
        Event.Submitted s = r.submitted();
        boolean addressed = s.operation().addressesSectors();
        if (addressed && s.endSector() > capacity) {
            if (c.status().isOk()) {
                out.add(Violation.of(NAME, "request " + r.label() + " addresses sectors " + s.sector() + " to "
                        + (s.endSector() - 1) + " but the device has " + capacity + ": it must fail, it completed OK",
                        r.id()));
            }
            return;
        }
        List<Trace.Command> served = new ArrayList<>();
        for (Trace.Command cmd : trace.commands.values()) {
            Event.DeviceQueued q = cmd.queued();
            boolean inFlight = q.timeNs() >= s.timeNs() && cmd.completed() != null
                    && cmd.completed().timeNs() <= c.timeNs();
            boolean overlaps = !addressed || (q.sector() < s.endSector() && s.sector() < q.endSector());
            if (q.operation() == s.operation() && inFlight && overlaps) {
                served.add(cmd);
            } else if (s.fua() && q.operation() == Operation.FLUSH && inFlight && !c.status().isOk()) {
                served.add(cmd);
            }
        }
        Set<Long> commands = new HashSet<>();
        served.forEach(cmd -> commands.add(cmd.id()));
        if (c.status().isOk()) {
            if (!addressed) {
                return;
            }
            TreeSet<Long> uncovered = new TreeSet<>();
            for (long sector = s.sector(); sector < s.endSector(); sector++) {
                uncovered.add(sector);
            }
            for (Trace.Command cmd : served) {
                if (cmd.completedOk()) {
                    uncovered.subSet(cmd.queued().sector(), cmd.queued().endSector()).clear();
                }
            }
            if (!uncovered.isEmpty()) {
                out.add(new Violation(NAME, "request " + r.label() + " completed OK, but no " + s.operation()
                        + " the device completed OK while it was in flight covers sector " + uncovered.first()
                        + (served.isEmpty() ? " (no such command reached the device)" : " (commands " + commands + ")"),
                        Set.of(r.id()), commands));
            }
            return;
        }
        boolean deviceFailed = served.stream().anyMatch(cmd -> !cmd.completed().reported().isOk());
        if (!deviceFailed) {
            String what = s.operation() == Operation.FLUSH ? "flush" : s.operation() + " command overlapping it"
                    + (s.fua() ? " (nor any flush)" : "");
            out.add(new Violation(NAME, "request " + r.label() + " completed with " + c.status()
                    + ", but no " + what + " failed at the device while it was in flight", Set.of(r.id()), commands));
        }
    }
}
