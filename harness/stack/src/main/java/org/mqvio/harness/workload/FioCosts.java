package org.mqvio.harness.workload;

import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * fio's own CPU time per I/O on the context a clone runs on: a guest's on a vCPU, a bare-metal host's otherwise
 * (the native data plane). The one place that tells the two apart for both the submit and the reap side.
 */
final class FioCosts {
    private FioCosts() {
    }

    /** fio's preparation and submission of one I/O ({@code guest_submit} or {@code native_submit}). */
    static long submitNs(Platform platform, ExecutionContext cpuContext) {
        return platform.costs().get(inGuest(cpuContext) ? Cost.GUEST_SUBMIT : Cost.NATIVE_SUBMIT);
    }

    /** fio's reap of one completion ({@code guest_complete} or {@code native_complete}). */
    static long completeNs(Platform platform, ExecutionContext cpuContext) {
        return platform.costs().get(inGuest(cpuContext) ? Cost.GUEST_COMPLETE : Cost.NATIVE_COMPLETE);
    }

    private static boolean inGuest(ExecutionContext cpuContext) {
        return cpuContext.kind() == ContextKind.VCPU;
    }
}
