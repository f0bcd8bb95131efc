package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.Virtqueue;

/**
 * The state a stateful property drives: a {@link SplitVirtqueue} and a plain model of it (queues of tokens
 * between the stages added, published, popped, pushed and returned). Every operation checks the queue's
 * answer against the model.
 */
final class RingModel {

    /** One generated queue: its size, features and the index every ring counter starts at. */
    record Config(int size, boolean eventIdx, int indirectMaxChain, int initialIndex) {
        RingFeatures features() {
            return RingModel.features(eventIdx, indirectMaxChain);
        }
    }

    /** Generated features: event idx or not, and indirect descriptors up to a chain length (0: none). */
    static RingFeatures features(boolean eventIdx, int indirectMaxChain) {
        Set<RingFeature> negotiated = EnumSet.noneOf(RingFeature.class);
        if (eventIdx) {
            negotiated.add(RingFeature.EVENT_IDX);
        }
        if (indirectMaxChain > 0) {
            negotiated.add(RingFeature.INDIRECT_DESC);
        }
        return new RingFeatures(negotiated, indirectMaxChain);
    }

    record Chain(int token, List<GuestBuffer> readable, List<GuestBuffer> writable, int descriptors) {
        long writableBytes() {
            return writable.stream().mapToLong(GuestBuffer::length).sum();
        }
    }

    private record Popped(Chain chain, Chains.Popped element) {
    }

    private record Pushed(Chain chain, int written) {
    }

    static final long MEMORY_BYTES = 4L << 20;
    static final long RING_BASE = 0x1000;
    static final long DATA_BASE = 1L << 20;

    final Config config;
    final SplitVirtqueue<Integer> queue;

    private int nextToken;
    private final Deque<Chain> unpublished = new ArrayDeque<>();
    private final Deque<Chain> available = new ArrayDeque<>();
    private final List<Popped> inFlight = new ArrayList<>();
    private final Deque<Pushed> used = new ArrayDeque<>();
    private final Set<Integer> returned = new HashSet<>();
    private long pushes;

    private boolean deviceNotification = true;
    private boolean callbacksEnabled = true;
    /** The driver has asked for an interrupt and nothing has been notified since: the next push must notify. */
    private boolean callbackArmed = true;
    /** With event idx: the device was kicked and has since neither popped nor re-enabled kicks. */
    private boolean kickOutstanding;
    /** With event idx: the driver was interrupted and has since not touched used_event. */
    private boolean interruptOutstanding;

    RingModel(Config config) {
        this.config = config;
        this.queue = new SplitVirtqueue<>(0, new SparseGuestMemory(MEMORY_BYTES), RING_BASE, config.size(),
                config.features(), config.initialIndex());
    }

    // ---- driver side ----

    void add(List<GuestBuffer> readable, List<GuestBuffer> writable) {
        int count = readable.size() + writable.size();
        int needed = count > 1 && count <= config.indirectMaxChain() ? 1 : count;
        boolean fits = config.size() - descriptorsInUse() >= needed;
        int freeBefore = queue.freeDescriptors();
        var statsBefore = queue.statistics();

        if (needed > config.size()) {
            assertThatThrownBy(() -> queue.add(readable, writable, nextToken))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can never fit");
            assertThat(queue.freeDescriptors()).isEqualTo(freeBefore);
            assertThat(queue.statistics()).isEqualTo(statsBefore);
            return;
        }
        boolean added = queue.add(readable, writable, nextToken);

        assertThat(added).as("add of %d buffers needing %d descriptors with %d free", count, needed, freeBefore)
                .isEqualTo(fits);
        if (added) {
            unpublished.add(new Chain(nextToken++, List.copyOf(readable), List.copyOf(writable), needed));
        } else {
            assertThat(queue.freeDescriptors()).isEqualTo(freeBefore);
            assertThat(queue.statistics()).isEqualTo(statsBefore);
        }
    }

    void kickPrepare() {
        boolean somethingNew = !unpublished.isEmpty();
        boolean kick = queue.kickPrepare();
        if (!somethingNew) {
            assertThat(kick).as("kick with nothing added").isFalse();
        } else if (deviceNotification && available.isEmpty()) {
            assertThat(kick).as("lost wake-up: the device asked for kicks and has popped everything").isTrue();
        } else if (!deviceNotification && !config.eventIdx()) {
            assertThat(kick).as("kick although the device set NO_NOTIFY").isFalse();
        } else if (kickOutstanding && config.eventIdx()) {
            assertThat(kick).as("second kick before the device moved avail_event").isFalse();
        }
        kickOutstanding |= kick;
        available.addAll(unpublished);
        unpublished.clear();
    }

    void getUsed() {
        Optional<Chains.Used<Integer>> result = Chains.getUsed(queue);
        Pushed expected = used.poll();
        if (expected == null) {
            assertThat(result).as("getUsed with nothing pushed").isEmpty();
            return;
        }
        assertThat(result).as("getUsed after a push").contains(new Chains.Used<>(expected.chain().token(),
                expected.written()));
        assertThat(returned.add(expected.chain().token())).as("token returned once").isTrue();
        interruptOutstanding = false;
        if (callbacksEnabled && used.isEmpty()) {
            callbackArmed = true;
        }
    }

    void disableCallback() {
        queue.disableCallback();
        callbacksEnabled = false;
        callbackArmed = false;
        interruptOutstanding = false;
    }

    void enableCallback() {
        boolean enabled = queue.enableCallback();
        assertThat(enabled).as("enableCallback answers whether no used buffer is pending").isEqualTo(used.isEmpty());
        callbacksEnabled = true;
        callbackArmed = enabled;
        interruptOutstanding = false;
    }

    // ---- device side ----

    void pop() {
        assertThat(queue.hasAvailable()).as("hasAvailable").isEqualTo(!available.isEmpty());
        Optional<Chains.Popped> popped = Chains.pop(queue);
        Chain expected = available.poll();
        if (expected == null) {
            assertThat(popped).as("pop of an empty ring").isEmpty();
            return;
        }
        assertThat(popped).as("pop of chain %d", expected.token()).isPresent();
        Chains.Popped element = popped.get();
        assertThat(element.readable()).isEqualTo(expected.readable());
        assertThat(element.writable()).isEqualTo(expected.writable());
        inFlight.add(new Popped(expected, element));
        kickOutstanding = false;
    }

    /** Pushes up to {@code picks.size()} popped chains (each picked by index modulo those left), then asks to notify. */
    void push(List<Integer> picks, int permille) {
        int pushed = 0;
        for (int pick : picks) {
            if (inFlight.isEmpty()) {
                break;
            }
            Popped p = inFlight.remove(pick % inFlight.size());
            int written = (int) (p.chain().writableBytes() * permille / 1000);
            queue.push(p.element().head(), written);
            used.add(new Pushed(p.chain(), written));
            pushed++;
            pushes++;
        }
        boolean notify = queue.shouldNotify();
        if (pushed == 0) {
            assertThat(notify).as("notify with nothing pushed").isFalse();
            return;
        }
        if (callbackArmed) {
            assertThat(notify).as("lost interrupt: the driver asked for one and nothing was notified since").isTrue();
        }
        if (!callbacksEnabled) {
            assertThat(notify).as("interrupt although the driver disabled callbacks").isFalse();
        }
        if (interruptOutstanding && config.eventIdx()) {
            assertThat(notify).as("second interrupt before the driver moved used_event").isFalse();
        }
        interruptOutstanding |= notify;
        callbackArmed = false;
    }

    void setNotification(boolean enabled) {
        queue.setNotification(enabled);
        deviceNotification = enabled;
        kickOutstanding &= !enabled;
        if (enabled) {
            assertThat(queue.hasAvailable()).as("re-check after enabling notification").isEqualTo(!available.isEmpty());
        }
    }

    boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    // ---- whole-model checks ----

    void checkInvariants() {
        assertThat(queue.brokenReason()).isEmpty();
        assertThat(queue.freeDescriptors()).as("free descriptors").isEqualTo(config.size() - descriptorsInUse());
        Statistics stats = queue.statistics();
        assertThat(stats.get(Virtqueue.ADDED)).as("added").isEqualTo(nextToken);
        assertThat(stats.get(Virtqueue.PUSHED)).as("pushed").isEqualTo(pushes);
        assertThat(stats.get(Virtqueue.POPPED)).as("popped")
                .isEqualTo(nextToken - unpublished.size() - available.size());
    }

    /** Lets every chain complete, then checks that each token came back exactly once and all descriptors are free. */
    void drainAndCheck() {
        kickPrepare();
        while (!available.isEmpty()) {
            pop();
        }
        while (!inFlight.isEmpty()) {
            push(List.of(0), 1000);
        }
        while (!used.isEmpty()) {
            getUsed();
        }
        getUsed();
        checkInvariants();
        assertThat(queue.freeDescriptors()).isEqualTo(config.size());
        assertThat(returned).hasSize(nextToken);
    }

    /** Whether the ring indices passed 65535 back to 0 on both sides. */
    boolean wrapped() {
        return config.initialIndex() + pushes > 0xFFFF;
    }

    private int descriptorsInUse() {
        int inUse = 0;
        for (Chain c : unpublished) {
            inUse += c.descriptors();
        }
        for (Chain c : available) {
            inUse += c.descriptors();
        }
        for (Popped p : inFlight) {
            inUse += p.chain().descriptors();
        }
        for (Pushed p : used) {
            inUse += p.chain().descriptors();
        }
        return inUse;
    }

    @Override
    public String toString() {
        return config + " " + queue;
    }
}
