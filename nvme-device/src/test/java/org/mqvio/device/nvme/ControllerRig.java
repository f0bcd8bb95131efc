package org.mqvio.device.nvme;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A controller with an admin pair and I/O pairs driven by hand as a host would: place raw entries, write
 * doorbells, read completion entries. For unit tests of the device side alone.
 */
final class ControllerRig {
    final ManualPlatform platform = new ManualPlatform();
    final DmaMemory dma = new DmaMemory();
    final NvmeController controller;
    final List<SubmissionQueue> sqs = new ArrayList<>();
    final List<CompletionQueue> cqs = new ArrayList<>();
    final List<ManualPlatform.CountingNotifier> vectors = new ArrayList<>();
    final Media media;

    ControllerRig(int ioQueues, int depth, ServiceTimeKind timing, Media media, double lostProbability, int maxActive,
                  Arbiter arbiter) {
        this.media = media;
        ServiceTime service = timing == ServiceTimeKind.NONE ? ServiceTime.immediate()
                : ServiceTime.timer(platform, 1_000);
        FaultInjector faults = new FaultInjector(LbaRanges.none(), 0, lostProbability, 0, 0, new SplittableRandom(1));
        controller = new NvmeController(new NvmeController.Setup(platform, 1 << 20, "RIG-SERIAL", true, media, dma,
                service, faults, 0, arbiter == null ? new RoundRobinArbiter(ioQueues + 1, 1) : arbiter, maxActive,
                timing == ServiceTimeKind.NONE));
        for (int qid = 0; qid <= ioQueues; qid++) {
            SubmissionQueue sq = new SubmissionQueue(qid, depth);
            CompletionQueue cq = new CompletionQueue(qid, depth);
            ManualPlatform.CountingNotifier n = new ManualPlatform.CountingNotifier();
            controller.createQueuePair(sq, cq, new InterruptVector(platform, n, 0, 0));
            sqs.add(sq);
            cqs.add(cq);
            vectors.add(n);
        }
    }

    /** How commands are timed. */
    enum ServiceTimeKind { NONE, TIMER }

    /** Places {@code c} on queue {@code qid} and writes its tail doorbell. */
    void submit(int qid, Command c) {
        sqs.get(qid).place(c);
        controller.submissionDoorbell(qid, sqs.get(qid).tail());
    }

    /** Consumes every new entry of queue {@code qid}'s completion ring and releases the slots. */
    List<CompletionEntry> reap(int qid) {
        List<CompletionEntry> out = new ArrayList<>();
        CompletionEntry e = new CompletionEntry();
        while (cqs.get(qid).poll(e)) {
            sqs.get(qid).headReported(e.sqHead());
            out.add(e);
            e = new CompletionEntry();
        }
        controller.completionDoorbell(qid, cqs.get(qid).head());
        return out;
    }
}
