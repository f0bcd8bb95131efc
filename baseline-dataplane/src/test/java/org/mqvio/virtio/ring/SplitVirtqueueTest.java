package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Unit;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.api.virtio.Virtqueue;

class SplitVirtqueueTest {

    static final long BASE = 0x1000;
    static final long DATA = 0x100000;

    private final SparseGuestMemory memory = new SparseGuestMemory(4L << 20);

    private static GuestBuffer buffer(int n, int length) {
        return new GuestBuffer(DATA + n * 0x1000L, length);
    }

    @Example
    void rejectsSizesThatAreNotPowersOfTwoFrom1To32768() {
        for (int size : new int[] {0, 3, 100, 65536, -8}) {
            assertThatThrownBy(() -> new SplitVirtqueue<>(0, memory, BASE, size, RingFeatures.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("virtqueue size must be a power of two from 1 to 32768 (1, 2, 4, ..., 32768), was "
                            + size);
        }
        for (int size = 1; size <= 32768; size *= 2) {
            assertThat(new SplitVirtqueue<>(0, memory, BASE, size, RingFeatures.NONE).size()).isEqualTo(size);
        }
    }

    @Example
    void rejectsABaseThatIsMisalignedOrTooCloseToTheEndOfMemory() {
        assertThatThrownBy(() -> new SplitVirtqueue<>(0, memory, BASE + 8, 8, RingFeatures.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 16");
        long footprint = SplitVirtqueue.footprint(256, RingFeatures.NONE);
        long lastFit = (memory.size() - footprint) & -16L;
        assertThat(new SplitVirtqueue<>(0, memory, lastFit, 256, RingFeatures.NONE).base()).isEqualTo(lastFit);
        assertThatThrownBy(() -> new SplitVirtqueue<>(0, memory, lastFit + 16, 256, RingFeatures.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(footprint + " bytes of guest memory after it");
        assertThatThrownBy(() -> RingFeatures.of(RingFeature.INDIRECT_DESC).withIndirectMaxChain(1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void exactByteLayoutOfOneRoundTrip() {
        SplitVirtqueue<String> vq = new SplitVirtqueue<>(0, memory, BASE, 4, RingFeatures.NONE);
        long avail = BASE + 4 * 16;
        long used = BASE + 80; // align4(64 + 6 + 2 * 4) = 80

        assertThat(vq.add(List.of(buffer(0, 16)), List.of(buffer(1, 512)), "a")).isTrue();
        assertThat(memory.readU16(avail + 2)).as("avail idx before kickPrepare").isZero();
        assertThat(vq.kickPrepare()).isTrue();

        assertThat(memory.readU64(BASE)).isEqualTo(DATA);
        assertThat(memory.readU32(BASE + 8)).isEqualTo(16);
        assertThat(memory.readU16(BASE + 12)).isEqualTo(SplitRingLayout.DESC_F_NEXT);
        assertThat(memory.readU16(BASE + 14)).isEqualTo(1);
        assertThat(memory.readU64(BASE + 16)).isEqualTo(DATA + 0x1000);
        assertThat(memory.readU32(BASE + 16 + 8)).isEqualTo(512);
        assertThat(memory.readU16(BASE + 16 + 12)).isEqualTo(SplitRingLayout.DESC_F_WRITE);
        assertThat(memory.readU16(avail)).as("avail flags").isZero();
        assertThat(memory.readU16(avail + 2)).as("avail idx").isEqualTo(1);
        assertThat(memory.readU16(avail + 4)).as("avail ring[0]").isZero();

        Chains.Popped element = Chains.pop(vq).orElseThrow();
        assertThat(element).isEqualTo(new Chains.Popped(0, List.of(buffer(0, 16)), List.of(buffer(1, 512))));
        vq.push(element.head(), 300);
        assertThat(memory.readU16(used + 2)).as("used idx").isEqualTo(1);
        assertThat(memory.readU32(used + 4)).as("used ring[0].id").isZero();
        assertThat(memory.readU32(used + 8)).as("used ring[0].len").isEqualTo(300);
        assertThat(vq.shouldNotify()).isTrue();
        assertThat(Chains.getUsed(vq)).contains(new Chains.Used<>("a", 300));

        vq.setNotification(false);
        assertThat(memory.readU16(used)).as("used flags").isEqualTo(SplitRingLayout.USED_F_NO_NOTIFY);
        vq.disableCallback();
        assertThat(memory.readU16(avail)).as("avail flags").isEqualTo(SplitRingLayout.AVAIL_F_NO_INTERRUPT);
        assertThat(SplitVirtqueue.footprint(4, RingFeatures.NONE)).isEqualTo(80 + 6 + 32);
    }

    @Example
    void eventIndexFieldsSitAtTheEndOfEachRing() {
        SplitVirtqueue<String> vq = new SplitVirtqueue<>(0, memory, BASE, 4, RingFeatures.of(RingFeature.EVENT_IDX));
        long usedEvent = BASE + 64 + 4 + 8;
        long availEvent = BASE + 80 + 4 + 32;
        vq.add(List.of(buffer(0, 16)), List.of(), "a");
        vq.add(List.of(buffer(1, 16)), List.of(), "b");
        assertThat(vq.kickPrepare()).isTrue();
        assertThat(Chains.pop(vq)).isPresent();
        assertThat(memory.readU16(availEvent)).as("avail_event after one pop").isEqualTo(1);
        vq.disableCallback();
        assertThat(memory.readU16(usedEvent)).as("used_event parked far ahead").isEqualTo(0x8000);
        assertThat(vq.enableCallback()).isTrue();
        assertThat(memory.readU16(usedEvent)).as("used_event").isZero();
    }

    @Example
    void indirectChainRoundTrip() {
        RingFeatures features = RingFeatures.of(RingFeature.INDIRECT_DESC).withIndirectMaxChain(4);
        SplitVirtqueue<String> vq = new SplitVirtqueue<>(0, memory, BASE, 8, features);
        List<GuestBuffer> readable = List.of(buffer(0, 16));
        List<GuestBuffer> writable = List.of(buffer(1, 4096), buffer(2, 1));

        assertThat(vq.add(readable, writable, "indirect")).isTrue();
        assertThat(vq.freeDescriptors()).isEqualTo(7);
        long table = BASE + SplitRingLayout.alignUp(vq.layout().totalSize(), 16);
        assertThat(memory.readU64(BASE)).as("head points at the table").isEqualTo(table);
        assertThat(memory.readU32(BASE + 8)).isEqualTo(3 * 16);
        assertThat(memory.readU16(BASE + 12)).isEqualTo(SplitRingLayout.DESC_F_INDIRECT);
        assertThat(memory.readU16(table + 16 + 12)).isEqualTo(SplitRingLayout.DESC_F_NEXT | SplitRingLayout.DESC_F_WRITE);
        assertThat(memory.readU16(table + 32 + 12)).isEqualTo(SplitRingLayout.DESC_F_WRITE);

        List<GuestBuffer> five = List.of(buffer(3, 1), buffer(4, 1), buffer(5, 1), buffer(6, 1), buffer(7, 1));
        assertThat(vq.add(five, List.of(), "too long for a table")).isTrue();
        assertThat(vq.freeDescriptors()).as("a chain longer than the table goes direct").isEqualTo(2);
        vq.kickPrepare();

        Chains.Popped first = Chains.pop(vq).orElseThrow();
        assertThat(first.readable()).isEqualTo(readable);
        assertThat(first.writable()).isEqualTo(writable);
        Chains.Popped second = Chains.pop(vq).orElseThrow();
        assertThat(second.readable()).isEqualTo(five);
        vq.push(second.head(), 0);
        vq.push(first.head(), 4097);
        assertThat(Chains.getUsed(vq)).contains(new Chains.Used<>("too long for a table", 0));
        assertThat(Chains.getUsed(vq)).contains(new Chains.Used<>("indirect", 4097));
        assertThat(Chains.getUsed(vq)).isEmpty();
        assertThat(vq.freeDescriptors()).isEqualTo(8);
        assertThat(vq.brokenReason()).isEmpty();
    }

    @Example
    void addReturnsFalseAndChangesNothingWhenDescriptorsRunOut() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 4, RingFeatures.NONE);
        assertThat(vq.add(List.of(buffer(0, 1), buffer(1, 1), buffer(2, 1)), List.of(), 1)).isTrue();
        var stats = vq.statistics();
        assertThat(vq.add(List.of(buffer(0, 1)), List.of(buffer(1, 1)), 2)).isFalse();
        assertThat(vq.freeDescriptors()).isEqualTo(1);
        assertThat(vq.statistics()).isEqualTo(stats);
        assertThat(vq.add(List.of(), List.of(buffer(1, 1)), 3)).isTrue();
        assertThat(vq.kickPrepare()).isTrue();
        assertThat(Chains.pop(vq).orElseThrow().readable()).hasSize(3);
        assertThat(Chains.pop(vq).orElseThrow().writable()).hasSize(1);
        assertThat(Chains.pop(vq)).isEmpty();
    }

    @Example
    void rejectsChainsWithoutBuffersOrWithEmptyBuffers() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 4, RingFeatures.NONE);
        assertThatThrownBy(() -> vq.add(List.of(), List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vq.add(List.of(buffer(0, 0)), List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vq.add(List.of(buffer(0, 1)), List.of(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> vq.add(List.of(buffer(0, 1), buffer(1, 1), buffer(2, 1)), List.of(buffer(3, 1),
                buffer(4, 1)), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a chain of 5 buffers needs 5 descriptors and can never fit a queue of 4");
        assertThat(vq.freeDescriptors()).isEqualTo(4);
    }

    /**
     * {@code add} checks each buffer as it writes its descriptor: a buffer refused after others were written (the
     * last of three, direct and in an indirect table) leaves no trace the device or the driver's counts can see, and
     * the next chain goes out whole from the same head.
     */
    @Example
    void aBufferRefusedHalfWayLeavesTheRingAsItWas() {
        for (RingFeatures features : List.of(RingFeatures.NONE, RingFeatures.of(RingFeature.INDIRECT_DESC))) {
            SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, new SparseGuestMemory(4L << 20), BASE, 8, features);
            var stats = vq.statistics();
            assertThatThrownBy(() -> vq.add(List.of(buffer(0, 16), buffer(1, 512)), List.of(buffer(2, 0)), 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero-length buffer");
            assertThatThrownBy(() -> vq.add(List.of(buffer(0, 16)), Arrays.asList(buffer(1, 512), null), 1))
                    .isInstanceOf(NullPointerException.class).hasMessage("buffer");
            assertThat(vq.freeDescriptors()).as("%s", features).isEqualTo(8);
            assertThat(vq.statistics()).isEqualTo(stats);
            assertThat(vq.kickPrepare()).as("nothing to publish").isFalse();
            assertThat(Chains.pop(vq)).isEmpty();
            assertThat(vq.add(List.of(buffer(3, 16)), List.of(buffer(4, 1)), 2)).isTrue();
            assertThat(vq.kickPrepare()).isTrue();
            assertThat(Chains.pop(vq)).contains(new Chains.Popped(0, List.of(buffer(3, 16)), List.of(buffer(4, 1))));
        }
    }

    /** A bad buffer is refused the same whether the queue has room for its chain or not. */
    @Example
    void aBadBufferIsRefusedEvenWhenTheQueueIsFull() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 2, RingFeatures.NONE);
        assertThat(vq.add(List.of(buffer(0, 16), buffer(1, 16)), List.of(), 1)).isTrue();
        assertThat(vq.add(List.of(buffer(0, 16)), List.of(), 2)).as("full").isFalse();
        assertThatThrownBy(() -> vq.add(List.of(buffer(0, 16)), List.of(buffer(1, 0)), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero-length buffer");
        assertThatThrownBy(() -> vq.add(Arrays.asList((GuestBuffer) null), List.of(), 2))
                .isInstanceOf(NullPointerException.class).hasMessage("buffer");
        assertThat(vq.freeDescriptors()).isZero();
    }

    @Example
    void indicesWrapAfter65536ChainsFromZero() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 1, RingFeatures.of(RingFeature.EVENT_IDX));
        for (int i = 0; i < 70_000; i++) {
            assertThat(vq.add(List.of(), List.of(buffer(1, 1)), i)).isTrue();
            assertThat(vq.kickPrepare()).isTrue();
            Chains.Popped element = Chains.pop(vq).orElseThrow();
            vq.push(element.head(), 1);
            assertThat(vq.shouldNotify()).isTrue();
            assertThat(Chains.getUsed(vq)).contains(new Chains.Used<>(i, 1));
        }
        assertThat(memory.readU16(BASE + vq.layout().availIdxOffset())).isEqualTo(70_000 & 0xFFFF);
        assertThat(memory.readU16(BASE + vq.layout().usedIdxOffset())).isEqualTo(70_000 & 0xFFFF);
        assertThat(vq.statistics().get(Virtqueue.KICKS)).isEqualTo(70_000L);
        assertThat(vq.statistics().get(Virtqueue.NOTIFIES)).isEqualTo(70_000L);
    }

    @Example
    void aMisspeltCounterFailsInsteadOfReadingZero() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 8, RingFeatures.NONE);
        vq.add(List.of(buffer(0, 16)), List.of(), 1);
        Counter misspelt = Counter.declare("kiks", Unit.EVENTS, "kicks the driver sent the device");
        assertThatThrownBy(() -> vq.statistics().get(misspelt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no counter 'kiks' is declared here; declared: [added, kicks, kick_suppressed, popped,"
                        + " pushed, notifies, notify_suppressed]");
        assertThatThrownBy(() -> vq.statistics().counters().named("kiks")).isInstanceOf(IllegalArgumentException.class);
        assertThat(vq.statistics().get(Virtqueue.ADDED)).isEqualTo(1);
    }

    @Example
    void suppressionIsCountedInTheStatistics() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 8, RingFeatures.NONE);
        vq.setNotification(false);
        vq.add(List.of(buffer(0, 16)), List.of(), 1);
        assertThat(vq.kickPrepare()).isFalse();
        assertThat(vq.kickPrepare()).as("nothing new: no kick and not counted").isFalse();
        vq.disableCallback();
        vq.push(Chains.pop(vq).orElseThrow().head(), 0);
        assertThat(vq.shouldNotify()).isFalse();
        assertThat(vq.enableCallback()).as("a used buffer is pending").isFalse();
        assertThat(vq.statistics()).hasToString("{added=1, kicks=0, kick_suppressed=1, popped=1, pushed=1, notifies=0,"
                + " notify_suppressed=1}");
    }

    @Example
    void pushRejectsElementsThatAreNotInFlightOrOverfilled() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 8, RingFeatures.NONE);
        vq.add(List.of(buffer(0, 16)), List.of(buffer(1, 100)), 1);
        vq.kickPrepare();
        Chains.Popped element = Chains.pop(vq).orElseThrow();
        assertThatThrownBy(() -> vq.push(element.head(), 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100 device-writable bytes");
        vq.push(element.head(), 100);
        assertThatThrownBy(() -> vq.push(element.head(), 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not in flight");
        assertThatThrownBy(() -> vq.push(9, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Example
    void oneChainObjectServesEveryPopAndAPushNeedsOnlyTheHead() {
        SplitVirtqueue<String> vq = new SplitVirtqueue<>(0, memory, BASE, 8, RingFeatures.NONE);
        vq.add(List.of(buffer(0, 16)), List.of(buffer(1, 100), buffer(2, 1)), "first");
        vq.add(List.of(buffer(3, 16), buffer(4, 512)), List.of(buffer(5, 1)), "second");
        vq.kickPrepare();
        DescriptorChain chain = new DescriptorChain(1);

        assertThat(vq.pop(chain)).isTrue();
        int firstHead = chain.head();
        assertThat(chain.readable()).isEqualTo(1);
        assertThat(chain.writable()).isEqualTo(2);
        assertThat(chain.writableBytes()).isEqualTo(101);
        assertThat(chain.writeOnly(0)).isFalse();
        assertThat(chain.writeOnly(1)).isTrue();
        assertThat(chain.address(1)).isEqualTo(buffer(1, 100).address());
        assertThat(chain.length(1)).isEqualTo(100);

        assertThat(vq.pop(chain)).as("the second pop refills the same object").isTrue();
        assertThat(Chains.Popped.of(chain)).isEqualTo(new Chains.Popped(3, List.of(buffer(3, 16), buffer(4, 512)),
                List.of(buffer(5, 1))));
        assertThatThrownBy(() -> vq.push(firstHead, 102)).as("the first chain's bound, kept by the ring")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101 device-writable bytes");
        vq.push(firstHead, 101);
        vq.push(chain.head(), 1);

        assertThat(vq.pop(chain)).isFalse();
        assertThat(chain.head()).as("a pop that finds nothing empties the chain").isEqualTo(-1);
        assertThat(chain.descriptors()).isZero();
        UsedBuffer<String> used = new UsedBuffer<>();
        assertThat(vq.getUsed(used)).isTrue();
        assertThat(used.token()).isEqualTo("first");
        assertThat(used.written()).isEqualTo(101);
        assertThat(vq.getUsed(used)).isTrue();
        assertThat(used.token()).isEqualTo("second");
        assertThat(vq.getUsed(used)).isFalse();
        assertThat(used.token()).as("a getUsed that finds nothing leaves the object as it was").isEqualTo("second");
    }

    @Example
    void aBrokenQueueSaysWhyAndStopsServing() {
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(3, memory, BASE, 8, RingFeatures.NONE);
        vq.add(List.of(buffer(0, 16)), List.of(), 1);
        vq.add(List.of(buffer(1, 16)), List.of(), 2);
        vq.kickPrepare();
        Chains.Popped first = Chains.pop(vq).orElseThrow();
        memory.writeU16(BASE + vq.layout().availEntryOffset(1), 200);

        assertThat(Chains.pop(vq)).isEmpty();
        assertThat(vq.brokenReason()).contains(
                "virtqueue 3: avail ring entry 1 offers head 200, but the queue has 8 descriptors");
        assertThat(vq.hasAvailable()).isFalse();
        vq.push(first.head(), 0);
        assertThat(vq.shouldNotify()).isFalse();
        assertThat(Chains.getUsed(vq)).as("pushes are dropped once broken").isEmpty();
        assertThat(vq.toString()).contains("broken: virtqueue 3");
    }
}
