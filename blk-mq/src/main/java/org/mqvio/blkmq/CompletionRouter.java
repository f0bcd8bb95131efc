package org.mqvio.blkmq;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * Where a completed request is completed upward, after Linux's {@code rq_affinity}:
 * <ul>
 *   <li>0: where the interrupt landed, always;</li>
 *   <li>1: there if that CPU is in the submitting CPU's group (CPUs {@code i} and {@code j} share a group
 *   when {@code i / groupSize == j / groupSize}, as CPUs sharing a last-level cache do), else on the
 *   submitting CPU by IPI;</li>
 *   <li>2: there only if it is the submitting CPU itself, else by IPI.</li>
 * </ul>
 * A completion that runs on a context which is not one of the layer's CPUs (a host interrupt handler with
 * its own context) is on "some CPU of the machine": in the submitter's group only when one group spans every
 * CPU. Contexts stand for CPUs: the layer cannot see host CPU numbers.
 */
final class CompletionRouter {
    private final Platform platform;
    /** The layer's CPUs, by index. */
    private final ExecutionContext[] cpus;
    private final Map<ExecutionContext, Integer> indexOf = new IdentityHashMap<>();
    private final int rqAffinity;
    private final int groupSize;
    private final CompletionIpis ipis;

    CompletionRouter(Platform platform, List<ExecutionContext> cpus, int rqAffinity, int groupSize, IpiCosts costs,
                     String name) {
        if (rqAffinity < 0 || rqAffinity > 2) {
            throw new IllegalArgumentException("rq_affinity=" + rqAffinity + "; allowed: 0, 1 or 2");
        }
        if (groupSize < 1) {
            throw new IllegalArgumentException("CPU group size " + groupSize + "; allowed: 1 or more");
        }
        this.platform = platform;
        this.cpus = cpus.toArray(new ExecutionContext[0]);
        this.rqAffinity = rqAffinity;
        this.groupSize = groupSize;
        for (int i = 0; i < cpus.size(); i++) {
            indexOf.put(cpus.get(i), i);
        }
        this.ipis = rqAffinity == 0 ? null : new CompletionIpis(platform, cpus, costs, name);
    }

    /** Completes {@code request} with {@code status}, here on {@code where} or on its submitting CPU by IPI. */
    void complete(ExecutionContext where, BlockRequest request, Status status) {
        if (ipis == null || completesHere(where, request.cpu())) {
            request.complete(where, status, platform.nanoTime());
        } else {
            ipis.send(where, request, status);
        }
    }

    private boolean completesHere(ExecutionContext where, int submitter) {
        if (cpus[submitter] == where) {
            return true;
        }
        if (rqAffinity == 2) {
            return false;
        }
        Integer here = indexOf.get(where);
        return here == null ? groupSize >= cpus.length : here / groupSize == submitter / groupSize;
    }

    /** Completion IPIs sent so far. */
    long ipisSent() {
        return ipis == null ? 0 : ipis.sent();
    }
}
