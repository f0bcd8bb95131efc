package org.mqvio.virtio.blk.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.harness.live.LivePlatform;
import org.mqvio.virtio.ring.RecordingLogs;
import org.mqvio.virtio.ring.RingFeature;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * One round of the live corruption run: a {@link VirtioBlkIoThread} on the live runtime's threads (its passes on
 * an IoThread context, woken by kicks and by host completions from the device-time thread) serves victim queues
 * of every size and feature set, whose rings a {@link RingCorruptor} thread rewrites while the IoThread pops
 * them, and one more queue in the same guest memory that an {@link HonestGuest} thread drives correctly. Every
 * pass and every pop is measured ({@link DeviceCalls}). After the round: nothing failed on the platform's
 * threads, every victim that broke has a reason that its thread reports and the log shows, the neighbour is not
 * broken and every chain it added came back intact.
 */
final class LiveCorruptionRound {
    private static final long MIB = 1L << 20;
    private static final long MEMORY = 1L << 30;
    private static final long VICTIMS = 16 * MIB;
    /** Past the victims' windows and the 32 MiB a device write from the last one may reach. */
    private static final long NEIGHBOUR = 512 * MIB;
    private static final int NEIGHBOUR_SIZE = 64;
    private static final int[] SIZES = {1, 2, 8, 256, 1024, 4096, 32768};
    private static final RingFeatures[] FEATURES = {RingFeatures.NONE, RingFeatures.of(RingFeature.EVENT_IDX),
        RingFeatures.of(RingFeature.INDIRECT_DESC), RingFeatures.of(RingFeature.EVENT_IDX, RingFeature.INDIRECT_DESC)};
    /** As many victims as there are sizes and feature sets, so each pairing is tried. */
    static final int VICTIMS_PER_ROUND = SIZES.length * FEATURES.length;
    private static final long STOP_NS = TimeUnit.SECONDS.toNanos(5);

    private LiveCorruptionRound() {
    }

    /** The size of victim {@code j}: every size in turn. */
    private static int size(int j) {
        return SIZES[j % SIZES.length];
    }

    /** The features of victim {@code j}: each set for every size. */
    private static RingFeatures features(int j) {
        return FEATURES[(j / SIZES.length) % FEATURES.length];
    }

    /** Runs one round of {@code durationMs} of corruption; {@code merge} turns on the back-end's request merging. */
    static void run(long seed, long durationMs, boolean merge) throws InterruptedException {
        LivePlatform platform = new LivePlatform(CostTable.zero(), seed);
        GuestMemory memory = new SparseGuestMemory(MEMORY);
        ExecutionContext io = platform.newContext(ContextSpec.of("iothread0", ContextKind.IOTHREAD));
        ExecutionContext vcpu = platform.newContext(ContextSpec.of("vcpu0", ContextKind.VCPU));
        List<MeteredVirtqueue<?>> metered = new ArrayList<>();
        VirtioBlkIoThread thread = new VirtioBlkIoThread("iothread0", new MeteredContext(io, metered), platform, memory,
                "serial", merge);
        Runnable pass = () -> MeteredVirtqueue.pass("live pass", metered, thread::doWork);
        thread.setCompletionEventfd(platform.newNotifier(spec("eventfd", NotifierKind.EVENTFD), io, pass));

        List<RingCorruptor.Victim> victims = new ArrayList<>();
        for (int j = 0; j < VICTIMS_PER_ROUND; j++) {
            long window = VICTIMS + j * RingCorruptor.WINDOW;
            SplitVirtqueue<Void> vq = SplitVirtqueue.attachDevice(j, memory, window, size(j), features(j));
            serve(thread, metered, vq, platform.newNotifier(spec("irq" + j, NotifierKind.IRQFD), vcpu, () -> { }));
            Notifier kick = platform.newNotifier(spec("kick" + j, NotifierKind.KICK), io, pass);
            victims.add(new RingCorruptor.Victim(vq, window, () -> kick.signal(null)));
        }
        SplitVirtqueue<HonestGuest.Chain> neighbour = new SplitVirtqueue<>(VICTIMS_PER_ROUND, memory, NEIGHBOUR,
                NEIGHBOUR_SIZE, FEATURES[(int) (seed & 1)]);
        Notifier neighbourKick = platform.newNotifier(spec("kick-neighbour", NotifierKind.KICK), io, pass);
        HonestGuest guest = new HonestGuest(memory, neighbour, NEIGHBOUR + MIB, () -> neighbourKick.signal(null));
        serve(thread, metered, neighbour, platform.newNotifier(spec("irq-neighbour", NotifierKind.IRQFD), vcpu,
                guest::interrupt));
        thread.connect(TimedHost.on(platform), 0);
        RingCorruptor corruptor = new RingCorruptor(memory, victims, seed);

        platform.start();
        Thread rogue = Thread.ofPlatform().daemon().name("rogue-guest").start(corruptor);
        Thread honest = Thread.ofPlatform().daemon().name("honest-guest").start(guest);
        Thread.sleep(durationMs);
        corruptor.stop();
        rogue.join(TimeUnit.NANOSECONDS.toMillis(STOP_NS));
        guest.stop();
        honest.join(TimeUnit.NANOSECONDS.toMillis(STOP_NS) * 3);
        platform.awaitQuiet(STOP_NS);
        List<String> alive = platform.shutdown(STOP_NS);

        if (rogue.isAlive() || honest.isAlive() || !alive.isEmpty()) {
            DeviceCalls.HANGS.incrementAndGet();
            DeviceCalls.violation("round " + seed + ": threads still running after the round: " + alive
                    + (rogue.isAlive() ? " rogue-guest" : "") + (honest.isAlive() ? " honest-guest" : ""));
        }
        if (platform.failure() != null) {
            DeviceCalls.violation("round " + seed + ": " + platform.failedIn() + " failed: " + platform.failure());
        }
        checkVictims(seed, thread, victims);
        checkNeighbour(seed, neighbour, guest);
        DeviceCalls.RINGS.addAndGet(victims.size());
        DeviceCalls.CORRUPTING_WRITES.addAndGet(corruptor.writes());
    }

    private static void serve(VirtioBlkIoThread thread, List<MeteredVirtqueue<?>> metered, Virtqueue<?> vq,
                              Notifier irq) {
        MeteredVirtqueue<?> m = new MeteredVirtqueue<>(vq);
        metered.add(m);
        thread.serve(m, irq);
    }

    private static void checkVictims(long seed, VirtioBlkIoThread thread, List<RingCorruptor.Victim> victims) {
        List<String> reasons = new ArrayList<>();
        List<String> log = RecordingLogs.events();
        for (RingCorruptor.Victim v : victims) {
            v.vq().brokenReason().ifPresent(reason -> {
                DeviceCalls.BROKEN.incrementAndGet();
                reasons.add(reason);
                String prefix = "virtqueue " + v.vq().index() + ": ";
                if (!reason.startsWith(prefix) || reason.length() <= prefix.length()) {
                    DeviceCalls.violation("round " + seed + ": queue " + v.vq().index() + " broke without a reason: "
                            + reason);
                }
                if (log.stream().noneMatch(e -> e.startsWith("WARN ") && e.contains(reason))) {
                    DeviceCalls.violation("round " + seed + ": no warning was logged for " + reason);
                }
            });
        }
        if (!thread.brokenQueues().equals(reasons)) {
            DeviceCalls.violation("round " + seed + ": the thread reports broken queues " + thread.brokenQueues()
                    + ", the queues say " + reasons);
        }
    }

    private static void checkNeighbour(long seed, SplitVirtqueue<HonestGuest.Chain> neighbour, HonestGuest guest) {
        Statistics s = neighbour.statistics();
        if (neighbour.brokenReason().isPresent() || guest.completed() == 0
                || s.get(Virtqueue.PUSHED) != s.get(Virtqueue.ADDED)) {
            DeviceCalls.violation("round " + seed + ": the neighbour queue was harmed: " + neighbour + ", "
                    + guest.completed() + " chains back intact, " + s);
        }
        DeviceCalls.NEIGHBOUR_CHAINS.addAndGet(guest.completed());
    }

    private static NotifierSpec spec(String name, NotifierKind kind) {
        return new NotifierSpec(name, kind, 0, 0, 0);
    }

    /** The IoThread's context, with the passes the thread posts to itself measured as the notifiers' are. */
    private record MeteredContext(ExecutionContext context, List<MeteredVirtqueue<?>> queues)
            implements ExecutionContext {
        @Override
        public String name() {
            return context.name();
        }

        @Override
        public ContextKind kind() {
            return context.kind();
        }

        @Override
        public void post(long costNs, Runnable action) {
            context.post(costNs, () -> MeteredVirtqueue.pass("live pass", queues, action));
        }

        @Override
        public void andThen(long costNs, Runnable action) {
            context.andThen(costNs, () -> MeteredVirtqueue.pass("live pass", queues, action));
        }

        @Override
        public void charge(long costNs) {
            context.charge(costNs);
        }

        @Override
        public void setPollWindow(long pollNs) {
            context.setPollWindow(pollNs);
        }

        @Override
        public long pollWindow() {
            return context.pollWindow();
        }

        @Override
        public Statistics statistics() {
            return context.statistics();
        }
    }
}
