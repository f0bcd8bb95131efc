package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;

/**
 * Issue 17's ring target: a steady-state round trip (add, publish, pop, push, collect) allocates nothing, on the
 * calling thread, as {@link ThreadAllocation} counts it. The chains are virtio-blk's shape (header, data, status),
 * direct and in an indirect table, with event-index suppression; the caller's lists, token, chain and used buffer
 * are built once, as a driver and a device that reuse them would.
 */
class RoundTripAllocationTest {
    /** Round trips run first, so that the measured ones run compiled and every object has grown to size. */
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 20_000;
    /**
     * What reading the counter twice may itself allocate, whatever the ring does: far below one byte per round
     * trip (the old API's {@code Optional}s alone were 32 bytes each).
     */
    private static final long MEASUREMENT_SLACK_BYTES = 256;
    private static final int BATCH = 16;

    @Example
    void directChainsAllocateNothingPerRoundTrip() {
        assertThat(bytesPerRun(RingFeatures.of(RingFeature.EVENT_IDX))).isLessThanOrEqualTo(MEASUREMENT_SLACK_BYTES);
    }

    @Example
    void indirectChainsAllocateNothingPerRoundTrip() {
        RingFeatures features = RingFeatures.of(RingFeature.INDIRECT_DESC, RingFeature.EVENT_IDX);
        assertThat(bytesPerRun(features)).isLessThanOrEqualTo(MEASUREMENT_SLACK_BYTES);
    }

    /** Bytes allocated by {@value #MEASURED} round trips after {@value #WARM_UP} unmeasured ones. */
    private static long bytesPerRun(RingFeatures features) {
        long base = 0x1000;
        long data = SplitRingLayout.alignUp(base + SplitVirtqueue.footprint(64, features), 0x1000);
        SparseGuestMemory memory = new SparseGuestMemory(data + 0x10000);
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, base, 64, features);
        List<GuestBuffer> readable = List.of(new GuestBuffer(data, 16));
        List<GuestBuffer> writable = List.of(new GuestBuffer(data + 0x1000, 4096), new GuestBuffer(data + 16, 1));
        RoundTrips trips = new RoundTrips(vq, readable, writable);
        trips.run(WARM_UP);
        long before = ThreadAllocation.allocatedBytes();
        trips.run(MEASURED);
        long allocated = ThreadAllocation.allocatedBytes() - before;
        assertThat(trips.collected).isEqualTo(WARM_UP + MEASURED);
        return allocated;
    }

    /** A driver and a device on one thread, each with its own reusable objects. */
    private static final class RoundTrips {
        private final SplitVirtqueue<Integer> vq;
        private final List<GuestBuffer> readable;
        private final List<GuestBuffer> writable;
        private final Integer token = 7;
        private final DescriptorChain chain = new DescriptorChain();
        private final UsedBuffer<Integer> used = new UsedBuffer<>();
        private long collected;

        RoundTrips(SplitVirtqueue<Integer> vq, List<GuestBuffer> readable, List<GuestBuffer> writable) {
            this.vq = vq;
            this.readable = readable;
            this.writable = writable;
        }

        void run(int roundTrips) {
            for (int done = 0; done < roundTrips; done += BATCH) {
                for (int i = 0; i < BATCH; i++) {
                    vq.add(readable, writable, token);
                }
                vq.kickPrepare();
                while (vq.pop(chain)) {
                    vq.push(chain.head(), (int) chain.writableBytes());
                }
                vq.shouldNotify();
                while (vq.getUsed(used)) {
                    collected++;
                }
                vq.enableCallback();
            }
        }
    }
}
