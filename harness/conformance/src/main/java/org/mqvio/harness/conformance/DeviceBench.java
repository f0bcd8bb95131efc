package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.DeviceSetup;
import org.mqvio.api.spi.Parameters;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.spi.StorageDeviceProvider;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.CostTableFile;

/**
 * A storage device alone on the simulation, with the bench as the block layer above it, driven by a
 * {@link StorageDeviceContract}'s actions and checked against the {@link StorageDevice} contract: every command
 * it accepts completes exactly once, never before {@code queueRequest} returned; a command outside the device
 * fails and one inside succeeds; a queue never holds more than its depth; it answers DEVICE_BUSY only while the
 * queue holds something, and then restarts the queue once one of them completes (or, when it holds none of the
 * bench's commands, once whatever it holds frees); after a drain its statistics
 * balance; and when it stores data (its memory-backed parameter is on), reads return what completed writes put
 * there.
 */
public final class DeviceBench {
    /**
     * What the bench is built from.
     *
     * @param device   the provider's name
     * @param settings the provider's parameters
     * @param hostCpus host CPUs, 1 to 4
     * @param seed     the simulation's seed
     */
    public record Shape(String device, Map<String, String> settings, int hostCpus, long seed) {
        public Shape {
            settings = Map.copyOf(settings);
        }
    }

    private static final long STEP_NS = 20_000;
    private static final long DRAIN_LIMIT_NS = 1_000_000_000L;

    private final Shape shape;
    private final boolean memoryBacked;
    private final SimPlatform platform;
    private final ExecutionContext host;
    private final StorageDevice device;
    private final EventLog log = new EventLog();
    private final Map<BlockRequest, Long> inFlight = new IdentityHashMap<>();
    private final Map<BlockRequest, Integer> queues = new IdentityHashMap<>();
    private final int[] held;
    private final boolean[] awaitingRestart;
    private final boolean[] completedSinceRefusal;
    private final List<String> breaches = new ArrayList<>();
    private BlockRequest inQueueRequest;
    private long accepted;
    private long completed;
    private int nextIndex;

    private DeviceBench(ProviderRegistry registry, Shape shape) {
        this.shape = shape;
        this.platform = new SimPlatform(CostTableFile.defaults(), shape.hostCpus(), shape.seed());
        this.host = platform.newContext(ContextSpec.of("host0", ContextKind.HOST));
        StorageDeviceProvider provider = registry.device(shape.device());
        this.device = provider.create(new DeviceSetup(platform, Parameters.resolve(provider.parameters(),
                shape.settings()), shape.hostCpus()));
        // After a simulated power loss a device keeps only what was durable, and corrupted reads return wrong
        // data on purpose, so reads are checked against completed writes only on shapes with neither.
        this.memoryBacked = DeviceFeatures.memoryBacked(registry, shape.device(), shape.settings())
                && shape.settings().keySet().stream().noneMatch(k -> k.endsWith(DeviceFeatures.POWER_LOSS_SUFFIX)
                        || k.endsWith(DeviceFeatures.CORRUPT_READ_SUFFIX));
        int queues = device.hardwareQueues();
        this.held = new int[queues];
        this.awaitingRestart = new boolean[queues];
        this.completedSinceRefusal = new boolean[queues];
        device.bind(new Above());
    }

    /** The bench for {@code shape}. */
    public static DeviceBench open(ProviderRegistry registry, Shape shape) {
        return new DeviceBench(registry, shape);
    }

    /** Whether the provider accepts {@code shape} (it throws {@link IllegalArgumentException} otherwise). */
    public static boolean opens(ProviderRegistry registry, Shape shape) {
        try {
            open(registry, shape);
            return true;
        } catch (IllegalArgumentException rejected) {
            return false;
        }
    }

    int queueCount() {
        return held.length;
    }

    void queue(int queue, IoOp op, boolean last) {
        long id = RequestIds.of(0, nextIndex++);
        long sector = op.firstSector(device.capacitySectors());
        byte[] data = switch (op.operation()) {
            case WRITE -> Payload.of(id, sector, op.sectors());
            case READ -> new byte[op.lengthBytes()];
            default -> null;
        };
        BlockRequest r = BlockRequest.builder(op.operation()).id(id).sector(sector)
                .length(op.operation() == Operation.FLUSH ? 0 : op.lengthBytes()).fua(op.fua()).cpu(0).data(data)
                .completion((c, done) -> log.add(new Event.Completed(platform.nanoTime(), done.id(), done.status(),
                        done.operation() == Operation.READ && done.data() != null ? done.data().clone() : null)))
                .build();
        host.post(0, () -> dispatch(queue, r, last));
        advance(STEP_NS);
    }

    private void dispatch(int queue, BlockRequest r, boolean last) {
        long now = platform.nanoTime();
        inFlight.put(r, r.id());
        queues.put(r, queue);
        inQueueRequest = r;
        DispatchResult answer;
        try {
            answer = device.queueRequest(host, queue, r, last);
        } finally {
            inQueueRequest = null;
        }
        if (answer == DispatchResult.OK) {
            log.add(new Event.Submitted(now, r.id(), 0, r.operation(), r.sector(), r.length(), r.fua()));
            accepted++;
            held[queue]++;
            check(held[queue] <= device.queueDepth(queue), "queue " + queue + " accepted a command beyond its depth of "
                    + device.queueDepth(queue));
            return;
        }
        inFlight.remove(r);
        queues.remove(r);
        if (answer == DispatchResult.DEVICE_BUSY) {
            // A device may still hold slots of commands it has already completed upward (a timed-out command
            // whose submission-queue entry the controller has not consumed yet): then nothing the bench holds
            // will complete, and the device owes the queue a restart of its own once the slot frees.
            awaitingRestart[queue] = true;
            completedSinceRefusal[queue] = held[queue] == 0;
        }
    }

    void commit(int queue) {
        host.post(0, () -> device.commit(host, queue));
        advance(STEP_NS);
    }

    void advance(long ns) {
        platform.runUntil(platform.nanoTime() + ns);
    }

    /** After every action: no breach seen. */
    void checkInvariant() {
        check(breaches.isEmpty(), String.join("; ", breaches));
    }

    /** At the end: let every command complete, then check exactly once, statistics and data. */
    void drainAndCheck() {
        // A block layer ends every batch: a command queued as "not last" is followed by a commit (blk-mq's
        // commit_rqs). The chain may stop in the middle of a batch, so the bench ends each queue's batch first.
        for (int q = 0; q < held.length; q++) {
            commit(q);
        }
        long deadline = platform.nanoTime() + DRAIN_LIMIT_NS;
        while ((!inFlight.isEmpty() || restartOwed()) && platform.nanoTime() < deadline) {
            advance(1_000_000);
        }
        checkInvariant();
        if (!inFlight.isEmpty()) {
            check(false, inFlight.size() + " accepted command(s) never completed within " + DRAIN_LIMIT_NS
                    + " ns, for example " + inFlight.keySet().iterator().next());
        }
        for (int q = 0; q < held.length; q++) {
            check(!(awaitingRestart[q] && completedSinceRefusal[q]), "queue " + q + " answered DEVICE_BUSY, then"
                    + " completed a command (or held none of the bench's), but never restarted the queue; device"
                    + " statistics: " + device.statistics());
        }
        Statistics stats = device.statistics();
        check(reports(stats, StorageDevice.COMMANDS, accepted) && reports(stats, StorageDevice.COMPLETIONS, completed),
                "statistics " + stats + " after " + accepted + " commands accepted and completed");
        if (memoryBacked) {
            List<Violation> v = ReadYourWrites.check(log);
            check(v.isEmpty(), v.isEmpty() ? "" : v.get(0).message());
        }
    }

    /** Whether a queue that answered DEVICE_BUSY is still owed its restart. */
    private boolean restartOwed() {
        for (int q = 0; q < held.length; q++) {
            if (awaitingRestart[q] && completedSinceRefusal[q]) {
                return true;
            }
        }
        return false;
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError("device " + shape.device() + " " + shape.settings() + " on " + shape.hostCpus()
                    + " host CPU(s), seed " + shape.seed() + ": " + message);
        }
    }

    @Override
    public String toString() {
        return shape.device() + " " + shape.settings() + " on " + shape.hostCpus() + " host CPU(s), seed " + shape.seed()
                + "; " + accepted + " accepted, " + completed + " completed" + (memoryBacked ? ", memory-backed" : "");
    }

    /** The bench as the block layer the device completes to. */
    private final class Above implements BlockLayer {
        @Override
        public void submit(ExecutionContext context, BlockRequest request) {
            breaches.add("the device submitted a request upward");
        }

        @Override
        public void complete(ExecutionContext context, BlockRequest request, Status status) {
            if (inQueueRequest == request) {
                breaches.add("command " + RequestIds.label(request.id()) + " completed inside queueRequest, before the"
                        + " device's answer reached the block layer");
            }
            Long id = inFlight.remove(request);
            if (id == null) {
                breaches.add("the device completed " + request + ", which it does not hold");
                return;
            }
            completed++;
            int queue = queueOf(request);
            boolean inside = request.operation() == Operation.FLUSH
                    || request.sector() + request.sectors() <= device.capacitySectors();
            // A device left at its defaults has no faults and no timeouts: every command inside it succeeds.
            // Once settings are generated (error probabilities, bad blocks, timeouts), only a range error on a
            // command inside the device is wrong; the other error statuses are the device's to give.
            boolean mayFail = !shape.settings().isEmpty();
            if (inside && !status.isOk() && (!mayFail || status == Status.TARGET_ERROR)) {
                breaches.add("command " + request + " lies inside the device (" + device.capacitySectors()
                        + " sectors) but completed with " + status);
            } else if (!inside && status.isOk()) {
                breaches.add("command " + request + " reaches past the device's " + device.capacitySectors()
                        + " sectors but completed OK");
            }
            if (queue >= 0) {
                held[queue]--;
                completedSinceRefusal[queue] = true;
            }
            request.complete(context, status, platform.nanoTime());
        }

        @Override
        public void restart(ExecutionContext context, int queue) {
            if (queue < 0 || queue >= held.length) {
                breaches.add("restart of queue " + queue + ", which does not exist");
                return;
            }
            awaitingRestart[queue] = false;
        }

        @Override
        public long capacitySectors() {
            return device.capacitySectors();
        }

        @Override
        public Statistics statistics() {
            return Statistics.zeros(CounterSet.of());
        }
    }

    /** Whether {@code stats} report {@code expected} for {@code counter}, or do not declare it. */
    private static boolean reports(Statistics stats, Counter counter, long expected) {
        return !stats.declares(counter) || stats.get(counter) == expected;
    }

    private int queueOf(BlockRequest request) {
        Integer q = queues.remove(request);
        return q == null ? -1 : q;
    }
}
