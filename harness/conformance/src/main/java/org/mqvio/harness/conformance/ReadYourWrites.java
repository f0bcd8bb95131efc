package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * Invariant 3a (docs/architecture.md#invariant-3a), on a device that stores data: a read returns, for each sector, the
 * data of the last write to it that completed before the read was submitted, or of a write in flight at the
 * same time. Precisely, the allowed contents of a sector are those of every write, write-zeroes or discard
 * that covered it and either overlapped the read in time, or completed before the read was submitted without
 * a later one (submitted after it completed, completed OK before the read) overwriting it for sure. A write that
 * completed, even with a timeout, is no longer in flight: a driver must not complete a request whose command the
 * device may still execute, so a timed-out write landing after a later one is a violation. A discard,
 * a failed write or a sector never written before the read leaves the sector unconstrained. Reads that
 * succeeded are checked; the device is memory-backed when {@link DeviceFeatures#memoryBacked} says so.
 */
final class ReadYourWrites implements Invariant {
    static final String NAME = "read your completed writes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(RunRecord run) {
        if (run.rejected() || !run.memoryBacked()) {
            return List.of();
        }
        return check(run.log());
    }

    /** The violations in {@code log}, whose device stores data. */
    static List<Violation> check(EventLog log) {
        Trace trace = new Trace(log);
        List<Trace.Request> modifying = new ArrayList<>();
        for (Trace.Request r : trace.requests.values()) {
            Operation op = r.submitted().operation();
            if (op == Operation.WRITE || op == Operation.WRITE_ZEROES || op == Operation.DISCARD) {
                modifying.add(r);
            }
        }
        List<Violation> out = new ArrayList<>();
        for (Trace.Request read : trace.requests.values()) {
            Event.Completed c = read.completion();
            if (read.submitted().operation() != Operation.READ || c == null || !c.status().isOk()) {
                continue;
            }
            if (c.data() == null) {
                out.add(Violation.of(NAME, "read " + read.label() + " completed OK on a memory-backed device but returned"
                        + " no data", read.id()));
                continue;
            }
            List<Stamp> got = Payload.read(c.data());
            for (int k = 0; k < got.size(); k++) {
                long sector = read.submitted().sector() + k;
                Set<Stamp> allowed = allowed(modifying, sector, read.submitted().timeNs(), c.timeNs());
                if (allowed != null && !allowed.contains(got.get(k))) {
                    out.add(Violation.of(NAME, "read " + read.label() + " returned " + got.get(k) + " at sector "
                            + sector + "; allowed: " + allowed.stream().map(String::valueOf)
                            .collect(Collectors.joining(" or ")), read.id()));
                    break;
                }
            }
        }
        return out;
    }

    /** The contents sector {@code sector} may have for a read in flight from {@code fromNs} to {@code toNs}; null: any. */
    static Set<Stamp> allowed(List<Trace.Request> modifying, long sector, long fromNs, long toNs) {
        List<Trace.Request> covering = modifying.stream().filter(r -> r.submitted().sector() <= sector
                && sector < r.submitted().endSector()).toList();
        List<Trace.Request> before = covering.stream().filter(r -> r.completion() != null
                && r.completion().timeNs() < fromNs).toList();
        if (before.isEmpty()) {
            return null;
        }
        Set<Stamp> allowed = new LinkedHashSet<>();
        for (Trace.Request r : covering) {
            Event.Completed done = r.completion();
            // A completed command is done with, whatever its status: a driver must not complete a request whose
            // command the device may still execute (Linux's nvme_timeout aborts and waits, or resets).
            boolean stillPossible = done == null || done.timeNs() >= fromNs;
            boolean concurrent = r.submitted().timeNs() < toNs && stillPossible;
            boolean lastBefore = before.contains(r) && before.stream().noneMatch(later -> later.completion().status().isOk()
                    && later.submitted().timeNs() > done.timeNs());
            if (!concurrent && !lastBefore) {
                continue;
            }
            if (r.submitted().operation() == Operation.DISCARD || done == null || !done.status().isOk()) {
                return null;
            }
            allowed.add(r.submitted().operation() == Operation.WRITE_ZEROES ? Stamp.zeroes() : Stamp.written(r.id(), sector));
        }
        return allowed;
    }
}
