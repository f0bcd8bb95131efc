package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mqvio.api.Operation;

/**
 * Invariant 3c (docs/architecture.md#invariant-3c), across a real power loss: a simulated power loss keeps every
 * flushed or FUA write. The run cuts the device's power once, at {@code lossNs}, through the device's own
 * parameter ({@link DeviceFeatures#powerLossParameter}); once every job has finished, the kit reads back every
 * sector the jobs wrote ({@link ConformanceRun}: a read-back job after the others). For each sector it
 * reads, a write is <em>sure to survive</em> when, as the jobs saw it, it completed OK with FUA before the loss,
 * or a flush submitted after it completed had completed OK before the loss, or it was submitted after the loss
 * (a device loses power once). The sector must then hold a write that no surviving write submitted after it
 * completed has surely replaced: never data older than the newest write sure to survive, and never zeroes.
 * Sectors that a discard or write-zeroes touched are not checked.
 */
final class PowerLossDurability implements Invariant {
    static final String NAME = "flushed and FUA writes survive a power loss";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(RunRecord run) {
        if (run.rejected() || !run.memoryBacked()) {
            return List.of();
        }
        long lossNs = ConformanceRun.powerLossAt(run.conformanceCase().stack());
        if (lossNs < 0) {
            return List.of();
        }
        int readBack = ConformanceRun.readBackJob(run.conformanceCase());
        Trace trace = new Trace(run.log());
        List<Trace.Request> modifying = new ArrayList<>();
        List<Trace.Request> flushes = new ArrayList<>();
        for (Trace.Request r : trace.requests.values()) {
            if (RequestIds.job(r.id()) == readBack) {
                continue;
            }
            switch (r.submitted().operation()) {
                case WRITE, WRITE_ZEROES, DISCARD -> modifying.add(r);
                case FLUSH -> flushes.add(r);
                default -> {
                }
            }
        }
        List<Violation> out = new ArrayList<>();
        for (Trace.Request read : trace.jobRequests(readBack)) {
            Event.Completed c = read.completion();
            if (c == null || !c.status().isOk() || c.data() == null) {
                continue;
            }
            List<Stamp> got = Payload.read(c.data());
            for (int k = 0; k < got.size(); k++) {
                long sector = read.submitted().sector() + k;
                Set<Stamp> allowed = allowed(modifying, flushes, sector, lossNs);
                if (allowed != null && !allowed.contains(got.get(k))) {
                    out.add(Violation.of(NAME, "after the power loss at " + lossNs + " ns, sector " + sector + " holds "
                            + got.get(k) + "; allowed: " + allowed.stream().map(String::valueOf)
                            .collect(Collectors.joining(" or ")), read.id()));
                    break;
                }
            }
        }
        return out;
    }

    /** What sector {@code sector} may hold after the loss; null when nothing is sure to survive there. */
    private static Set<Stamp> allowed(List<Trace.Request> modifying, List<Trace.Request> flushes, long sector,
                                      long lossNs) {
        List<Trace.Request> covering = modifying.stream().filter(r -> r.submitted().sector() <= sector
                && sector < r.submitted().endSector()).toList();
        if (covering.stream().anyMatch(r -> r.submitted().operation() != Operation.WRITE)) {
            return null;
        }
        List<Trace.Request> surviving = covering.stream().filter(w -> surelySurvives(w, flushes, lossNs)).toList();
        if (surviving.isEmpty()) {
            return null;
        }
        Set<Stamp> allowed = new LinkedHashSet<>();
        for (Trace.Request w : covering) {
            Event.Completed done = w.completion();
            boolean replaced = done != null && surviving.stream()
                    .anyMatch(s -> s != w && s.submitted().timeNs() >= done.timeNs());
            if (!replaced) {
                allowed.add(Stamp.written(w.id(), sector));
            }
        }
        return allowed;
    }

    private static boolean surelySurvives(Trace.Request w, List<Trace.Request> flushes, long lossNs) {
        Event.Completed done = w.completion();
        if (done == null || !done.status().isOk()) {
            return false;
        }
        if (w.submitted().timeNs() >= lossNs) {
            return true;
        }
        if (w.submitted().fua() && done.timeNs() <= lossNs) {
            return true;
        }
        return flushes.stream().anyMatch(f -> f.completion() != null && f.completion().status().isOk()
                && f.submitted().timeNs() >= done.timeNs() && f.completion().timeNs() <= lossNs);
    }
}
