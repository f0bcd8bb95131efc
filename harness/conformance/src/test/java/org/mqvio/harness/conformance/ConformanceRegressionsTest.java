package org.mqvio.harness.conformance;

import net.jqwik.api.Example;

/** Counter-examples the kit (or its predecessors) found, replayed from their command lines. */
class ConformanceRegressionsTest {

    /**
     * Pollers that never sleep once starved the interrupt contexts pinned to their CPUs, because a stale slice
     * check hid the one a newly queued waiter needed; two commands never completed.
     */
    @Example
    void constantPollersDoNotStarveInterruptHandlers() {
        ConformanceCheck.replay("--dataplane=mq --vcpus=3 --host-cpus=4 --set virtio.queue_size=1"
                + " --set virtio.merge=true --set nvme.completion=timer --set mq.poll=always"
                + " --job=cpu0,qd1:R0+8,R8+8,R16+8,R24+8 --job=cpu1,qd1:R0+8,R8+8,R16+8 --job=cpu2,qd1:R0+8,R8+8");
    }

    /**
     * 64 IoThreads polling on one host CPU starve the vCPU (about 48 ms per request): slow, not lost; the run
     * goes on while requests keep completing.
     */
    @Example
    void manyPollersOnOneCpuAreSlowNotLost() {
        ConformanceCheck.replay("--dataplane=mq --host-cpus=1 --vcpus=1 --seed=0 --set mq.poll=always"
                + " --set mq.queues=64 --job=cpu0,qd1:R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1");
    }

    /**
     * 64 polling IoThreads on one host CPU, a PCIe link (completions by interrupt): the device's interrupt handler
     * once waited a 750 us slice behind each poller, and a FUA write (write, then flush) went 200 ms without a
     * completion. A hardware interrupt now goes ahead of threads.
     */
    @Example
    void anInterruptHandlerDoesNotWaitBehindPollers() {
        ConformanceCheck.replay("--dataplane=mq --host-cpus=1 --vcpus=1 --seed=0 --set mq.poll=always"
                + " --set mq.queues=64 --set nvme.memory_backed=true --job=cpu0,qd1:W0+1!");
    }

    /**
     * A thread interrupted for a handler that another CPU had meanwhile taken was queued behind a free CPU and
     * never ran again (the first version of interrupt preemption: the host's mutex-locked queue and NVMe timeouts).
     */
    @Example
    void aThreadInterruptedForAHandlerServedElsewhereRunsOn() {
        ConformanceCheck.replay("--dataplane=mq --host-block-layer=single-queue --host-cpus=2 --vcpus=1 --seed=0"
                + " --set nvme.lost_probability=1.0 --set nvme.timeout_ns=1 --set single-queue.lock=mutex"
                + " --job=cpu0,qd3:R0+1,R0+1,R0+1");
        ConformanceCheck.replay("--dataplane=native --guest-block-layer=single-queue --host-block-layer=blk-mq"
                + " --host-cpus=2 --vcpus=2 --seed=552 --set blk-mq.read_expire=64 --set blk-mq.write_expire=1000"
                + " --set blk-mq.writes_starved=64 --set nvme.arbitration=wrr --set nvme.capacity_sectors=64"
                + " --set nvme.error_probability=0.5 --set nvme.lost_probability=0.5 --set nvme.max_queues=64"
                + " --set nvme.media_read_mbps=1000 --set nvme.memory_backed=true --set nvme.power_loss_at_ns=7659"
                + " --set nvme.queue_depth=4 --set nvme.queue_lock=ticket --set nvme.stall_probability=1.0"
                + " --set nvme.timeout_ns=1000 --job=cpu1,qd4:Wend-2+4,W9+1,Dend-6+18,Z31+2,Rend-1+1,W7+5"
                + " --job=cpu1,qd1:R8+2,R10+6,Z30+8,W7+3,F,Z4+1,W13+3,Z0+1 --job=cpu1,qd3:Rend-1+2,R0+31,F,Wend-8+5!");
    }

    /** A read past the end is rejected by the IoThread without reaching the device, and counted once. */
    @Example
    void aRequestTheIoThreadRejectsLeavesNothingHeld() {
        ConformanceCheck.replay("--dataplane=baseline --host-cpus=1 --vcpus=1 --seed=0 --job=cpu0,qd1:Rend-1+2");
    }

    /** A bad sector fails the write that covers it, through virtio, and nothing else. */
    @Example
    void aMediumErrorReachesTheGuestAsAnIoError() {
        ConformanceCheck.replay("--dataplane=mq --vcpus=2 --bad-sectors=8 --job=cpu0,qd2:W0+8,W8+8,R0+16"
                + " --job=cpu1,qd1:R8+1");
    }

    /**
     * A guest block layer that dispatches from the completion handler added its chain inside the handler, and
     * the handler's release kicked only if the ring asked for kicks; with the IoThread polling (kicks off) it
     * rang no poll doorbell either, so the chain waited for a kick that never came. Found by the kit.
     */
    @Example
    void chainsAddedInTheCompletionHandlerReachAPollingIoThread() {
        ConformanceCheck.replay("--dataplane=mq --guest-block-layer=single-queue --host-block-layer=single-queue"
                + " --device=nvme --host-cpus=1 --vcpus=1 --seed=0 --set mq.poll=adaptive --set mq.poll_max_ns=64"
                + " --set mq.poll_shrink=64 --set single-queue.queue_depth=1 --job=cpu0,qd2:R0+1,R0+1,R0+1");
    }

    /**
     * The host single queue's noop elevator back-merged a write into an earlier one across the flush between
     * them, so the later write reached the device before the flush. A waiting flush now stops the merge scan.
     */
    @Example
    void aWriteDoesNotMergeAcrossAFlush() {
        ConformanceCheck.replay("--dataplane=mq --guest-block-layer=blk-mq --host-block-layer=single-queue"
                + " --device=nvme --host-cpus=1 --vcpus=1 --seed=0 --job=cpu0,qd3:W0+6,F,W6+1");
    }

    /**
     * Every command lost, a 1 ns timeout, one host CPU: the Aborts after the last completion took the NVMe queue
     * lock in turns between two interrupt contexts, each handoff waiting a scheduler slice behind the spinning
     * waiter, so 2 ms after the last completion a waiter was still queued. Slow, not leaked: the drain now waits
     * (up to 100 ms) for locks to come free.
     */
    @Example
    void abortsStillTakingLocksAfterTheLastCompletionAreSlowNotLeaked() {
        ConformanceCheck.replay("--dataplane=native --guest-block-layer=blk-mq --host-block-layer=single-queue"
                + " --device=nvme --host-cpus=1 --vcpus=1 --seed=0 --set nvme.completion=timer"
                + " --set nvme.lost_probability=1.0 --set nvme.timeout_ns=1 --set single-queue.dispatch_hold_ns=100000"
                + " --job=cpu0,qd1:R0+1 --job=cpu0,qd8:R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1,R0+1");
    }
}
