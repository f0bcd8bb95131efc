package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mqvio.api.Operation;

/**
 * Invariant 4b (docs/architecture.md#invariant-4b): no request overtakes a flush it was submitted after. Checked on
 * writes (traced exactly by their data): once a job has submitted a flush, none of its later writes may reach
 * the device before the first device flush accepted after that moment. A flush that never reaches the device
 * is not checked here.
 */
final class FlushBarrier implements Invariant {
    static final String NAME = "no write overtakes a flush";

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
        for (int job : trace.jobs()) {
            List<Trace.Request> requests = trace.jobRequests(job);
            for (int i = 0; i < requests.size(); i++) {
                Trace.Request flush = requests.get(i);
                if (flush.submitted().operation() != Operation.FLUSH) {
                    continue;
                }
                List<Trace.Command> deviceFlushes = trace.commandsAfter(Operation.FLUSH, flush.submitted().timeNs());
                if (deviceFlushes.isEmpty()) {
                    continue;
                }
                Trace.Command barrier = deviceFlushes.get(0);
                for (int j = i + 1; j < requests.size(); j++) {
                    Trace.Request later = requests.get(j);
                    Trace.Command carrier = later.submitted().operation() == Operation.WRITE
                            ? trace.firstCarrier(later.id()) : null;
                    if (carrier != null && carrier.id() < barrier.id()) {
                        out.add(new Violation(NAME, "write " + later.label() + ", submitted after flush "
                                + flush.label() + ", reached the device (command " + carrier.id() + " at "
                                + carrier.queued().timeNs() + " ns) before any flush did (the first, command "
                                + barrier.id() + ", at " + barrier.queued().timeNs() + " ns)",
                                Set.of(flush.id(), later.id()), Set.of(carrier.id(), barrier.id())));
                    }
                }
            }
        }
        return out;
    }
}
