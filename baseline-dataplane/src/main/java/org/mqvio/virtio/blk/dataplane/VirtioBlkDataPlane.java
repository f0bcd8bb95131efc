package org.mqvio.virtio.blk.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.backend.VirtioBlkIoThread;
import org.mqvio.virtio.blk.frontend.RequestSlots;
import org.mqvio.virtio.blk.frontend.VirtioBlkFrontend;
import org.mqvio.virtio.ring.SharedLines;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * A virtio-blk data plane of any {@link DataPlaneLayout}: the guest front-end, the split virtqueues in guest
 * memory, the IoThreads, and the notifiers between them (a kick per queue to its IoThread, an irqfd per
 * queue to its vCPU, an eventfd per IoThread for host completions). The {@code baseline} and {@code mq}
 * providers differ only in the layout and the {@link IdlePolicy} they pass.
 */
public final class VirtioBlkDataPlane implements DataPlane {
    /** The serial number GET_ID returns (QEMU's {@code serial=} property). */
    public static final String SERIAL = "mqvio-virtio-blk";
    /** Virtqueues. */
    public static final Counter VIRTQUEUES = Counter.declare("virtqueues", Unit.ITEMS, "virtqueues");
    /** IoThreads. */
    public static final Counter IOTHREADS = Counter.declare("iothreads", Unit.ITEMS, "IoThreads");
    /** Descriptors per virtqueue. */
    public static final Counter QUEUE_SIZE = Counter.declare("queue_size", Unit.ITEMS, "descriptors per virtqueue");
    /** Queues that stopped serving, each for a malformed ring or request. */
    public static final Counter BROKEN_QUEUES = Counter.declare("broken_queues", Unit.ITEMS,
            "queues that stopped serving (a malformed ring or request)");
    /** The IoThreads' counters summed over every IoThread, named {@code iothread_loops} and so on. */
    public static final CounterSet IOTHREAD_TOTALS = VirtioBlkIoThread.COUNTERS.in("iothread");
    /**
     * What {@link #statistics} reports, in this order: the sizes, the virtqueues' counters summed over every
     * virtqueue, {@link #IOTHREAD_TOTALS}, and the broken queues.
     */
    public static final CounterSet COUNTERS = CounterSet.of(VIRTQUEUES, IOTHREADS, QUEUE_SIZE)
            .and(SplitVirtqueue.COUNTERS).and(IOTHREAD_TOTALS).and(BROKEN_QUEUES).and(SharedLines.TRANSFERS);
    private static final long REGION_ALIGN = 1L << 12;

    private final Platform platform;
    private final VirtioBlkFrontend frontend;
    private final List<Virtqueue<VirtioBlkFrontend.Chain>> virtqueues = new ArrayList<>();
    private final List<VirtioBlkIoThread> ioThreads = new ArrayList<>();
    private final List<SharedLines> lines = new ArrayList<>();
    private final List<ExecutionContext> vcpus;
    private final DataPlaneLayout layout;
    private final VirtioParameters.RingOptions ring;
    private final SparseGuestMemory memory;
    private long capacitySectors = -1;

    /**
     * Builds the data plane: guest memory for every ring and its request slots, the front-end, the IoThreads
     * and their contexts, the virtqueues with their guest locks, and the notifiers between them.
     *
     * @param setup  the platform and the guest's vCPUs
     * @param layout how many virtqueues and IoThreads, which thread serves each queue, which vCPU it interrupts
     * @param ring   the options of every virtqueue
     * @param idle   how the IoThreads wait for work ({@link IdlePolicy#SLEEP}: QEMU 2.1's)
     * @throws IllegalArgumentException if the layout names a vCPU the guest does not have, or the rings do not
     *                                  fit in a guest address space
     */
    public VirtioBlkDataPlane(DataPlaneSetup setup, DataPlaneLayout layout, VirtioParameters.RingOptions ring,
                              IdlePolicy idle) {
        this.platform = setup.platform();
        this.vcpus = setup.vcpus();
        this.layout = layout;
        this.ring = ring;
        int[] queueToThread = layout.queueToThread();
        int[] queueToVcpu = layout.queueToVcpu();
        for (int v : queueToVcpu) {
            if (v < 0 || v >= vcpus.size()) {
                throw new IllegalArgumentException("interrupts go to vCPU " + v + " but the guest has vCPUs 0.."
                        + (vcpus.size() - 1));
            }
        }
        long perQueue = align(SplitVirtqueue.footprint(ring.queueSize(), ring.features()))
                + align(RequestSlots.footprint(ring.queueSize()));
        long needed = REGION_ALIGN + perQueue * layout.queues();
        if (needed > SparseGuestMemory.MAX_SIZE) {
            throw new IllegalArgumentException(layout.queues() + " virtqueues of " + ring.queueSize()
                    + " entries need " + needed + " bytes of guest address space; at most " + SparseGuestMemory.MAX_SIZE
                    + " fit: use fewer or smaller queues");
        }
        this.memory = new SparseGuestMemory(needed);
        this.frontend = new VirtioBlkFrontend(platform, memory, this::capacity);
        CostTable costs = platform.costs();
        for (int t = 0; t < layout.ioThreads(); t++) {
            String threadName = layout.threadNames().get(t);
            ExecutionContext ctx = platform.newContext(ContextSpec.of(threadName, ContextKind.IOTHREAD));
            VirtioBlkIoThread thread = new VirtioBlkIoThread(threadName, ctx, platform, memory, SERIAL, ring.merge());
            thread.setNotifySuppression(ring.notifySuppression());
            idle.threadCreated(thread);
            thread.setCompletionEventfd(platform.newNotifier(new NotifierSpec("eventfd-" + threadName,
                    NotifierKind.EVENTFD, 0, costs.get(Cost.EVENTFD_LATENCY), 0), ctx, thread::doWork));
            ioThreads.add(thread);
        }
        long base = REGION_ALIGN;
        for (int q = 0; q < layout.queues(); q++) {
            SplitVirtqueue<VirtioBlkFrontend.Chain> vq =
                    new SplitVirtqueue<>(q, memory, base, ring.queueSize(), ring.features());
            base = align(base + SplitVirtqueue.footprint(ring.queueSize(), ring.features()));
            RequestSlots slots = new RequestSlots(base, ring.queueSize());
            base = align(base + RequestSlots.footprint(ring.queueSize()));
            virtqueues.add(vq);
            SharedLines shared = new SharedLines(platform, ring.queueSize());
            lines.add(shared);
            frontend.addQueue(vq, platform.newLock("vq" + q, ring.lockKind()), slots, ring.features(), ring.kickInLock(),
                    shared);
            frontend.setKickSuppression(q, ring.notifySuppression());

            VirtioBlkIoThread thread = ioThreads.get(queueToThread[q]);
            frontend.setKick(q, platform.newNotifier(new NotifierSpec("kick-vq" + q, NotifierKind.KICK,
                    costs.get(Cost.KICK_EXIT), costs.get(Cost.KICK_LATENCY), 0), thread.context(), thread::doWork));
            int queue = q;
            idle.queueServed(q, vq, thread).ifPresent(listener -> frontend.setKicklessPublishListener(queue, listener));
            ExecutionContext vcpu = vcpus.get(queueToVcpu[q]);
            thread.serve(vq, platform.newNotifier(new NotifierSpec("irqfd-vq" + q, NotifierKind.IRQFD,
                    costs.get(Cost.IRQFD_SIGNAL), costs.get(Cost.IRQ_DELIVERY), costs.get(Cost.IRQ_INJECT)), vcpu,
                    () -> frontend.interrupt(vcpu, queue)), shared);
        }
    }

    private static long align(long address) {
        return (address + REGION_ALIGN - 1) & -REGION_ALIGN;
    }

    private long capacity() {
        if (capacitySectors < 0) {
            throw new IllegalStateException("the data plane is not connected to a host block layer yet");
        }
        return capacitySectors;
    }

    @Override
    public Optional<BlockDriver> guestDriver() {
        return Optional.of(frontend);
    }

    @Override
    public List<ExecutionContext> hostSubmitters() {
        return ioThreads.stream().map(IoThread::context).toList();
    }

    @Override
    public void connect(BlockLayer hostBlockLayer) {
        if (capacitySectors >= 0) {
            throw new IllegalStateException("the data plane is already connected");
        }
        capacitySectors = hostBlockLayer.capacitySectors();
        for (int t = 0; t < ioThreads.size(); t++) {
            ioThreads.get(t).connect(hostBlockLayer, t);
        }
    }

    @Override
    public List<? extends Virtqueue<?>> virtqueues() {
        return List.copyOf(virtqueues);
    }

    @Override
    public List<? extends IoThread> ioThreads() {
        return List.copyOf(ioThreads);
    }

    /** Why any queue stopped serving (a malformed ring or request), one line each. */
    private List<String> brokenQueues() {
        List<String> out = new ArrayList<>();
        ioThreads.forEach(t -> out.addAll(t.brokenQueues()));
        return out;
    }

    @Override
    public Statistics statistics() {
        Statistics.Builder b = Statistics.builder(COUNTERS)
                .put(VIRTQUEUES, layout.queues())
                .put(IOTHREADS, layout.ioThreads())
                .put(QUEUE_SIZE, ring.queueSize());
        List<Statistics> queues = virtqueues.stream().map(Virtqueue::statistics).toList();
        for (Counter c : SplitVirtqueue.COUNTERS.counters()) {
            b.put(c, Statistics.total(c, queues));
        }
        List<Statistics> threads = ioThreads.stream().map(IoThread::statistics).toList();
        for (Counter c : VirtioBlkIoThread.COUNTERS.counters()) {
            b.put(c.in("iothread"), Statistics.total(c, threads));
        }
        return b.put(BROKEN_QUEUES, brokenQueues().size())
                .put(SharedLines.TRANSFERS, lines.stream().mapToLong(SharedLines::transfers).sum()).build();
    }
}
