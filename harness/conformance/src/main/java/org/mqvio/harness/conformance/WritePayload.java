package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mqvio.api.Operation;

/**
 * Invariant 1c (docs/architecture.md#invariant-1c): write data intact at the device.
 * The data of every write reaches the device intact and on its sectors: each sector of a write command the
 * device accepts holds, undamaged, data a job wrote for that very sector, submitted before the command; and
 * each sector of a write that completed OK reached the device in a command that completed OK while the write
 * was in flight. Scripted writes carry {@link Payload stamped} data, which is how the kit tells. When the stack
 * carries no data at all (no device write has any; {@link org.mqvio.api.BlockRequest#data()} may be null),
 * this does not apply; when some writes carry data, all must.
 */
final class WritePayload implements Invariant {
    static final String NAME = "write data intact at the device";

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
        List<Violation> out = new ArrayList<>();
        for (Trace.Command cmd : trace.commands.values()) {
            Event.DeviceQueued q = cmd.queued();
            if (q.operation() != Operation.WRITE) {
                continue;
            }
            if (q.payload() == null) {
                out.add(new Violation(NAME, "device command " + cmd.id() + " (WRITE " + q.sector() + "+"
                        + (q.length() / 512) + ") carries no data, though other writes do", Set.of(), Set.of(cmd.id())));
                continue;
            }
            for (int k = 0; k < q.payload().size(); k++) {
                Stamp stamp = q.payload().get(k);
                String problem = problem(trace, stamp, q.sector() + k, q.timeNs());
                if (problem != null) {
                    Set<Long> requests = stamp.kind() == Stamp.Kind.WRITTEN ? Set.of(stamp.request()) : Set.of();
                    out.add(new Violation(NAME, "device command " + cmd.id() + " sector " + (q.sector() + k) + " holds "
                            + stamp + ": " + problem, requests, Set.of(cmd.id())));
                    break;
                }
            }
        }
        for (Trace.Request r : trace.requests.values()) {
            Event.Completed c = r.completion();
            if (r.submitted().operation() == Operation.WRITE && c != null && c.status().isOk()
                    && r.submitted().endSector() <= run.capacitySectors()) {
                checkDelivered(trace, r, c, out);
            }
        }
        return out;
    }

    private static String problem(Trace trace, Stamp stamp, long sector, long arrivalNs) {
        if (stamp.kind() != Stamp.Kind.WRITTEN) {
            return "every sector a job writes is stamped with its writer";
        }
        if (stamp.sector() != sector) {
            return "it was written for sector " + stamp.sector();
        }
        Trace.Request writer = trace.requests.get(stamp.request());
        if (writer == null || writer.submitted().operation() != Operation.WRITE
                || sector < writer.submitted().sector() || sector >= writer.submitted().endSector()) {
            return "no job wrote that";
        }
        if (writer.submitted().timeNs() > arrivalNs) {
            return "the write was submitted after the command reached the device";
        }
        return null;
    }

    private static void checkDelivered(Trace trace, Trace.Request r, Event.Completed c, List<Violation> out) {
        Set<Long> delivered = new HashSet<>();
        for (Trace.Command cmd : trace.carriers.getOrDefault(r.id(), List.of())) {
            if (cmd.completedOk() && cmd.completed().timeNs() <= c.timeNs()) {
                List<Stamp> payload = cmd.queued().payload();
                for (int k = 0; k < payload.size(); k++) {
                    if (payload.get(k).request() == r.id()) {
                        delivered.add(cmd.queued().sector() + k);
                    }
                }
            }
        }
        for (long sector = r.submitted().sector(); sector < r.submitted().endSector(); sector++) {
            if (!delivered.contains(sector)) {
                out.add(Violation.of(NAME, "write " + r.label() + " completed OK, but its data for sector " + sector
                        + " never reached the device in a command that completed OK before it", r.id()));
                return;
            }
        }
    }
}
