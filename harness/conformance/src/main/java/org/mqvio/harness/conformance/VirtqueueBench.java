package org.mqvio.harness.conformance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/**
 * A virtqueue of a freshly built stack, with nothing running, driven from both ends by a
 * {@link VirtqueueContract}'s actions and checked against a model of the {@link Virtqueue} contract:
 * <ul>
 *   <li>descriptors: a chain of {@code n} buffers takes 1 to {@code n} descriptors, and gets them back when the
 *   driver collects it; a refused chain changes nothing and was refused for want of descriptors;</li>
 *   <li>order and content: the device pops chains in the order they were added, with their buffers; once
 *   published ({@code kickPrepare}) a chain must be poppable; the driver collects used chains in the order the
 *   device pushed them, with their token and byte count; a pop that finds nothing empties the caller's chain,
 *   and a getUsed that finds nothing leaves the caller's used buffer as it was;</li>
 *   <li>no lost wake-up: after the device enabled notifications and then saw nothing available, the next
 *   publication of new chains must ask for a kick; after the driver enabled callbacks with nothing pending, the
 *   first {@code shouldNotify} after a push must ask for an interrupt unless the driver has meanwhile collected
 *   every used chain; {@code enableCallback} answers true exactly when no used chain is pending.</li>
 * </ul>
 */
public final class VirtqueueBench {
    private record Chain(int token, List<GuestBuffer> readable, List<GuestBuffer> writable, int descriptors) {
        int writableBytes() {
            return writable.stream().mapToInt(GuestBuffer::length).sum();
        }
    }

    private record Popped(Chain chain, int head) {
    }

    private record Used(Chain chain, int written) {
    }

    private final StackConfig config;
    private final Virtqueue<Object> vq;
    private final Deque<Chain> notPopped = new ArrayDeque<>();
    private final List<Popped> popped = new ArrayList<>();
    private final Deque<Used> used = new ArrayDeque<>();
    /** The one object the device pops into and the driver collects into, reused as the contract allows. */
    private final DescriptorChain chain = new DescriptorChain();
    private final UsedBuffer<Object> collected = new UsedBuffer<>();
    private int addedSinceKick;
    private int published;
    private int outstanding;
    private boolean kickArmed;
    private boolean interruptArmed;
    private boolean pushedSinceArmed;
    private int nextToken;

    private VirtqueueBench(StackConfig config, Virtqueue<Object> vq) {
        this.config = config;
        this.vq = vq;
    }

    /**
     * A virtqueue of the stack {@code config} builds, chosen by the seed among the data plane's queues.
     *
     * @throws IllegalStateException when the data plane has no virtqueues
     */
    @SuppressWarnings("unchecked")
    public static VirtqueueBench open(ProviderRegistry registry, StackConfig config) {
        SimPlatform platform = new SimPlatform(Stack.costs(config), config.hostCpus(), config.seed());
        Stack stack = Stack.build(registry, config, platform);
        List<? extends Virtqueue<?>> queues = stack.dataPlane().virtqueues();
        if (queues.isEmpty()) {
            throw new IllegalStateException("data plane '" + config.dataPlane() + "' has no virtqueues; the virtqueue"
                    + " contract applies to data planes that have some");
        }
        Virtqueue<?> vq = queues.get((int) Math.floorMod(config.seed(), (long) queues.size()));
        return new VirtqueueBench(config, (Virtqueue<Object>) vq);
    }

    /** A bench over {@code vq}, taken from the stack {@code config} describes (the kit's own tests wrap it). */
    static VirtqueueBench of(StackConfig config, Virtqueue<Object> vq) {
        return new VirtqueueBench(config, vq);
    }

    /** Whether the providers accept {@code config} (they throw {@link IllegalArgumentException} otherwise). */
    public static boolean opens(ProviderRegistry registry, StackConfig config) {
        try {
            Stack.build(registry, config, new SimPlatform(Stack.costs(config), config.hostCpus(), config.seed()));
            return true;
        } catch (IllegalArgumentException rejected) {
            return false;
        }
    }

    /** Descriptors of the queue. */
    public int size() {
        return vq.size();
    }

    /** Chains the device has popped and not pushed. */
    int poppedCount() {
        return popped.size();
    }

    // ---- driver side ----

    void add(int readable, int writable) {
        List<GuestBuffer> in = new ArrayList<>();
        List<GuestBuffer> out = new ArrayList<>();
        for (int i = 0; i < readable + writable; i++) {
            (i < readable ? in : out).add(new GuestBuffer(64L * i, 16 + 8 * i));
        }
        int buffers = readable + writable;
        int token = nextToken++;
        int before = vq.freeDescriptors();
        boolean added = vq.add(in, out, token);
        int after = vq.freeDescriptors();
        if (!added) {
            check(after == before, "add refused a chain but free descriptors went from " + before + " to " + after);
            check(before < buffers, "add refused a chain of " + buffers + " buffers with " + before
                    + " descriptors free (a chain never needs more descriptors than buffers)");
            return;
        }
        int taken = before - after;
        check(taken >= 1 && taken <= buffers, "a chain of " + buffers + " buffers took " + taken
                + " descriptors; allowed: 1 (indirect) to " + buffers);
        notPopped.addLast(new Chain(token, in, out, taken));
        outstanding += taken;
        addedSinceKick++;
    }

    void kickPrepare() {
        boolean kick = vq.kickPrepare();
        if (addedSinceKick > 0) {
            check(!kickArmed || kick, "kickPrepare published " + addedSinceKick + " new chain(s) after the device had"
                    + " enabled notifications and seen nothing available, but asked for no kick: the device would"
                    + " sleep with work pending");
            kickArmed = false;
        }
        addedSinceKick = 0;
        published = notPopped.size();
    }

    void getUsed() {
        Object tokenBefore = collected.token();
        int writtenBefore = collected.written();
        boolean got = vq.getUsed(collected);
        if (used.isEmpty()) {
            check(!got, "getUsed returned " + collected + " but the device pushed nothing not yet collected");
            check(collected.token() == tokenBefore && collected.written() == writtenBefore,
                    "getUsed found nothing but changed the caller's used buffer to " + collected);
            return;
        }
        Used expected = used.peekFirst();
        check(got, "getUsed returned nothing but the device pushed chain " + expected.chain().token());
        check(collected.token().equals(expected.chain().token()) && collected.written() == expected.written(),
                "getUsed returned token " + collected.token() + " with " + collected.written() + " bytes; expected"
                        + " token " + expected.chain().token() + " with " + expected.written() + " bytes (the order"
                        + " pushed)");
        used.pollFirst();
        outstanding -= expected.chain().descriptors();
    }

    void enableCallback() {
        boolean nothingPending = vq.enableCallback();
        check(nothingPending == used.isEmpty(), "enableCallback answered " + nothingPending + " with " + used.size()
                + " used chain(s) pending; it must answer true exactly when none is");
        interruptArmed = nothingPending;
        pushedSinceArmed = false;
    }

    void disableCallback() {
        vq.disableCallback();
        interruptArmed = false;
    }

    // ---- device side ----

    void pop() {
        boolean got = vq.pop(chain);
        if (!got) {
            check(chain.head() == -1 && chain.descriptors() == 0, "pop found nothing but left " + chain
                    + " in the caller's chain");
        }
        if (notPopped.isEmpty()) {
            check(!got, "pop returned head " + chain.head() + " but nothing was added");
            return;
        }
        if (!got) {
            check(published == 0, "pop returned nothing but " + published + " published chain(s) wait");
            return;
        }
        Chain next = notPopped.pollFirst();
        check(buffers(0, chain.readable()).equals(next.readable())
                        && buffers(chain.readable(), chain.descriptors()).equals(next.writable()),
                "pop returned " + chain + " but the next chain added was token " + next.token() + " with readable "
                        + next.readable() + " and writable " + next.writable());
        check(chain.writableBytes() == next.writableBytes(), "pop returned " + chain + " with "
                + chain.writableBytes() + " writable bytes; its writable buffers hold " + next.writableBytes());
        for (Popped p : popped) {
            check(p.head() != chain.head(), "pop returned head " + chain.head() + ", which chain " + p.chain().token()
                    + " still holds");
        }
        if (published > 0) {
            published--;
        }
        popped.add(new Popped(next, chain.head()));
        kickArmed = false;
    }

    /** Descriptors {@code from} to {@code to} (exclusive) of the chain last popped, as buffers. */
    private List<GuestBuffer> buffers(int from, int to) {
        List<GuestBuffer> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(chain.buffer(i));
        }
        return out;
    }

    void push(int which, int permille) {
        Popped p = popped.remove(which % popped.size());
        int written = (int) ((long) p.chain().writableBytes() * permille / 1000);
        vq.push(p.head(), written);
        used.addLast(new Used(p.chain(), written));
        pushedSinceArmed = true;
    }

    void shouldNotify() {
        boolean notify = vq.shouldNotify();
        if (interruptArmed && pushedSinceArmed) {
            check(notify || used.isEmpty(), "shouldNotify asked for no interrupt after a push, though the driver had"
                    + " enabled callbacks with nothing pending and has not collected " + used.size()
                    + " used chain(s): the driver would never see them");
            interruptArmed = false;
        }
    }

    void enableNotification() {
        vq.setNotification(true);
        boolean available = vq.hasAvailable();
        check(!(published > 0 && !available), "hasAvailable answered false with " + published
                + " published chain(s) not popped");
        check(!(notPopped.isEmpty() && available), "hasAvailable answered true with nothing added and not popped");
        kickArmed = !available;
    }

    void disableNotification() {
        vq.setNotification(false);
        kickArmed = false;
    }

    // ---- checks ----

    /** After every action: descriptors accounted for, queue not broken. */
    void checkInvariant() {
        check(vq.freeDescriptors() == vq.size() - outstanding, "free descriptors " + vq.freeDescriptors() + "; expected "
                + (vq.size() - outstanding) + " (size " + vq.size() + " minus " + outstanding + " held by chains not"
                + " collected)");
        check(vq.brokenReason().isEmpty(), "the queue broke: " + vq.brokenReason().orElse(""));
    }

    /** At the end: publish, pop, push and collect everything; then every descriptor is free again. */
    void drainAndCheck() {
        kickPrepare();
        while (!notPopped.isEmpty()) {
            int before = notPopped.size();
            pop();
            check(notPopped.size() < before, "pop returned nothing while published chains wait");
        }
        while (!popped.isEmpty()) {
            push(0, 500);
        }
        while (!used.isEmpty()) {
            getUsed();
        }
        checkInvariant();
        check(vq.freeDescriptors() == vq.size(), "after collecting every chain, " + vq.freeDescriptors() + " of "
                + vq.size() + " descriptors are free");
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError("virtqueue " + vq.index() + " of " + config.dataPlane() + ": " + message);
        }
    }

    @Override
    public String toString() {
        return "virtqueue " + vq.index() + " (size " + vq.size() + ", " + vq.freeDescriptors() + " free) of "
                + ConformanceCase.stackOptions(config);
    }
}
