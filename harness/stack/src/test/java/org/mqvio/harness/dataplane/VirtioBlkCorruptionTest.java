package org.mqvio.harness.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/**
 * A guest that writes malformed virtio-blk chains into one virtqueue (headers or status buffers of the wrong
 * size, data buffers in the wrong direction, any number of buffers) never makes the host side throw or
 * hang: that queue either serves the request or stops with a reason, and the other queue keeps serving its
 * vCPU's requests.
 *
 * <p>The rogue buffers lie in the second half of virtqueue 0's 1 MiB data windows, which the well-behaved
 * front-end never uses for 4 KB requests, so the test corrupts only what a guest could: its own chains.
 * Invariant 6b (docs/architecture.md#invariant-6b), through the whole stack.
 */
class VirtioBlkCorruptionTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long MIB = 1 << 20;

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(16, 1, 512, 4096)),
                Tuple.of(1, Arbitraries.integers().between(1, 9000)));
    }

    @Property(tries = 300)
    void malformedChainsBreakOnlyTheirQueue(@ForAll @Size(max = 4) List<@From("lengths") Integer> readable,
                                            @ForAll @Size(max = 4) List<@From("lengths") Integer> writable,
                                            @ForAll @IntRange(min = 2, max = 100) int window) {
        StackConfig config = StackConfig.defaults(2).withDataPlane("mq").withHostCpus(4);
        SimPlatform platform = new SimPlatform(Stack.costs(config), config.hostCpus(), config.seed());
        Stack stack = Stack.build(REGISTRY, config, platform);
        @SuppressWarnings("unchecked")
        Virtqueue<Object> rogue = (Virtqueue<Object>) stack.dataPlane().virtqueues().get(0);
        IoThread rogueThread = stack.dataPlane().ioThreads().get(0);

        // Untouched guest memory reads as zeros: the header says IN (a read) of sector 0, so a well-formed
        // chain is exactly a 16-byte header, device-writable data, and a 1-byte status. Those are the guest
        // driver's business (its own requests cover them); this property feeds only malformed ones.
        boolean wellFormed = readable.size() == 1 && readable.get(0) == 16 && !writable.isEmpty()
                && writable.get(writable.size() - 1) == 1;
        Assume.that(!wellFormed && !(readable.isEmpty() && writable.isEmpty()));
        long address = window * MIB + MIB / 2;
        List<GuestBuffer> in = new ArrayList<>();
        for (int len : readable) {
            in.add(new GuestBuffer(address, len));
            address += 16 * 1024;
        }
        List<GuestBuffer> out = new ArrayList<>();
        for (int len : writable) {
            out.add(new GuestBuffer(address, len));
            address += 16 * 1024;
        }
        boolean added = rogue.add(in, out, "rogue");
        rogue.kickPrepare();
        rogueThread.context().post(0, rogueThread::doWork);

        ExecutionContext vcpu1 = stack.vcpus().get(1);
        List<BlockRequest> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BlockRequest r = BlockRequest.builder(Operation.READ).id(i).sector(8L * i).length(4096).cpu(1)
                    .completion((ctx, req) -> done.add(req)).build();
            vcpu1.post(1_000, () -> stack.submissionLayer().submit(vcpu1, r));
        }
        platform.runUntil(10_000_000);

        assertThat(done).as("the other queue's requests").hasSize(20).allMatch(r -> r.status() == Status.OK);
        Statistics.collect(added ? "malformed chain added" : "refused by the driver side");
        if (added) {
            var dataPlane = stack.dataPlane().statistics();
            assertThat(dataPlane.get(dataPlane.counters().named("broken_queues"))).as("a malformed chain breaks its queue")
                    .isEqualTo(1);
            assertThat(rogue.statistics().get(Virtqueue.PUSHED)).as("a broken queue returns nothing").isZero();
        }
    }
}
