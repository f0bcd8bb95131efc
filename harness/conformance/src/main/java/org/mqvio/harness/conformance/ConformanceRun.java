package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.spi.ProviderException;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.harness.live.LivePlatform;
import org.mqvio.harness.sim.EventKernel;
import org.mqvio.harness.sim.SimLock;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.stack.StackStatistics;

/**
 * Runs one {@link ConformanceCase} on the deterministic simulation and records it: builds the stack with the
 * device seen through the kit's probe, runs every job's script to the end (or until
 * {@link #TIME_LIMIT_NS} of virtual time), lets the stack settle for {@link #SETTLE_NS}, and reads back every
 * resource count that must be free again. When the case cuts the device's power ({@link #powerLossAt}) on a
 * device that stores data, a read-back job (job number {@link #readBackJob}, on vCPU 0) then reads every sector
 * the jobs wrote, for {@link PowerLossDurability}. Exceptions a component throws are caught and recorded, never
 * passed on: the invariants report them. A configuration the providers reject ({@link IllegalArgumentException})
 * is recorded as rejected; an unknown provider name is a {@link ProviderException}, thrown.
 *
 * <p>{@link #replay(String)} runs a case from its command line, as a counter-example prints it.
 */
public final class ConformanceRun {
    /**
     * A run stops when no request has completed for this long (virtual time) while some are outstanding: they
     * are lost. A slow stack that keeps completing requests (many pollers sharing one CPU) runs on.
     */
    public static final long STALL_NS = 200_000_000L;
    /** Virtual time a run may take at most, however it progresses. */
    public static final long TIME_LIMIT_NS = 60_000_000_000L;
    /** Virtual time the stack gets after the last completion before its resources are read. */
    public static final long SETTLE_NS = 2_000_000L;
    /** Events a run may fire; a stack that keeps firing events without finishing is stopped there. */
    public static final long EVENT_LIMIT = 5_000_000L;
    /** Virtual time a run may take after {@link #SETTLE_NS} for locks still held or awaited to come free. */
    static final long LOCK_SETTLE_LIMIT_NS = 100_000_000L;
    /** Real time a live run may wait after its jobs finished for every context to fall quiet. */
    static final long LIVE_SETTLE_NS = 200_000_000L;
    /** The longest read of the read-back after a power loss, in sectors. */
    static final int READ_BACK_SECTORS = 64;

    private ConformanceRun() {
    }

    /** Runs {@code conformanceCase} on the providers of {@code registry}. */
    public static RunRecord run(ProviderRegistry registry, ConformanceCase conformanceCase) {
        return run(registry, conformanceCase, UnaryOperator.identity());
    }

    /**
     * As {@link #run(ProviderRegistry, ConformanceCase)}, with {@code path} between the host block layer and the
     * kit's probe: the kit's own tests put deliberately wrong paths there to show each invariant can fail.
     */
    static RunRecord run(ProviderRegistry registry, ConformanceCase conformanceCase, UnaryOperator<StorageDevice> path) {
        var config = conformanceCase.stack();
        EventLog log = new EventLog();
        SimPlatform platform;
        Stack stack;
        DeviceProbe[] probe = new DeviceProbe[1];
        boolean memoryBacked;
        try {
            memoryBacked = DeviceFeatures.memoryBacked(registry, config);
            platform = new SimPlatform(Stack.costs(config), config.hostCpus(), config.seed());
            SimPlatform p = platform;
            stack = Stack.build(registry, config, platform,
                    device -> path.apply(probe[0] = new DeviceProbe(device, p, log, conformanceCase.faults())));
        } catch (IllegalArgumentException e) {
            return new RunRecord(conformanceCase, Optional.of(String.valueOf(e.getMessage())), Optional.empty(), log, 0,
                    false, false, 0, List.of(), Optional.empty(), 0, 0);
        } catch (ProviderException unknownName) {
            throw unknownName;
        } catch (RuntimeException e) {
            return new RunRecord(conformanceCase, Optional.empty(), Optional.of(e), log, 0, false, false, 0, List.of(),
                    Optional.empty(), 0, 0);
        }
        Throwable failure = null;
        boolean finished = false;
        long capacity = 0;
        List<ResourceCount> drain = List.of();
        try {
            BlockLayer layer = stack.submissionLayer();
            capacity = layer.capacitySectors();
            List<ScriptedJob> jobs = startJobs(conformanceCase, stack, layer, platform, log, capacity);
            finished = runJobs(platform.kernel(), jobs);
            JobScript readBackScript = finished && memoryBacked && powerLossAt(config) >= 0
                    ? readBackScript(conformanceCase, capacity) : null;
            if (readBackScript != null) {
                // Read back only once the power has gone (the loss is a device timer at its time).
                settle(platform.kernel(), Math.max(platform.nanoTime(), powerLossAt(config)));
                ScriptedJob readBack = new ScriptedJob(readBackJob(conformanceCase), readBackScript,
                        stack.vcpus().get(0), layer, platform, log, capacity);
                readBack.start();
                finished = runJobs(platform.kernel(), List.of(readBack));
            }
            if (finished) {
                settle(platform.kernel(), platform.nanoTime() + SETTLE_NS);
                settleLocks(platform, platform.nanoTime() + LOCK_SETTLE_LIMIT_NS);
                drain = drainCounts(stack, probe[0], platform);
            }
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
            failure = e;
        }
        return new RunRecord(conformanceCase, Optional.empty(), Optional.ofNullable(failure), log, capacity, memoryBacked,
                finished && failure == null, platform.nanoTime(), drain, statistics(stack), platform.digest(),
                resultDigest(log));
    }

    /**
     * When the case cuts the device's power (a setting ending in {@link DeviceFeatures#POWER_LOSS_SUFFIX}), the
     * virtual time it does so; else -1.
     */
    static long powerLossAt(StackConfig config) {
        for (Map.Entry<String, String> e : config.settings().entrySet()) {
            if (e.getKey().endsWith(DeviceFeatures.POWER_LOSS_SUFFIX)) {
                long at = Long.parseLong(e.getValue().trim());
                return at > 0 ? at : -1;
            }
        }
        return -1;
    }

    /** The job index of the read-back job that follows the case's jobs on a run with a power loss. */
    static int readBackJob(ConformanceCase conformanceCase) {
        return conformanceCase.workload().jobs().size();
    }

    /**
     * Reads of every sector the case's writes address inside the device, in ascending order, at most
     * {@value #READ_BACK_SECTORS} sectors each, one at a time; null when the case writes nothing.
     */
    private static JobScript readBackScript(ConformanceCase conformanceCase, long capacity) {
        TreeSet<Long> written = new TreeSet<>();
        for (JobScript job : conformanceCase.workload().jobs()) {
            for (IoOp op : job.ops()) {
                if (op.operation() != Operation.WRITE) {
                    continue;
                }
                long first = op.firstSector(capacity);
                long end = Math.min(capacity, first + op.sectors());
                for (long sector = Math.max(0, first); sector < end; sector++) {
                    written.add(sector);
                }
            }
        }
        List<IoOp> reads = new ArrayList<>();
        long start = -1;
        long previous = -2;
        for (long sector : written) {
            if (sector != previous + 1 || sector - start >= READ_BACK_SECTORS) {
                if (start >= 0) {
                    reads.add(IoOp.read(start, (int) (previous + 1 - start)));
                }
                start = sector;
            }
            previous = sector;
        }
        if (start >= 0) {
            reads.add(IoOp.read(start, (int) (previous + 1 - start)));
        }
        return reads.isEmpty() ? null : new JobScript(0, 1, reads);
    }

    /**
     * Runs {@code conformanceCase} on the live runtime: the same stack on real threads, the jobs' scripts from
     * their vCPU threads, the device seen through the probe. Waits for every job to finish (at most
     * {@code limitNs} of real time) and for every context to fall quiet (at most {@link #LIVE_SETTLE_NS}),
     * stops and joins every thread, and only then reads the resource counts. A thread that threw, or one that did not stop, is the run's failure. The live
     * schedule is not repeatable, so a live record has no digests and is not replayable as such; the case it
     * ran is.
     */
    public static RunRecord runLive(ProviderRegistry registry, ConformanceCase conformanceCase, long limitNs) {
        return runLive(registry, conformanceCase, limitNs, UnaryOperator.identity());
    }

    /** As {@link #runLive(ProviderRegistry, ConformanceCase, long)}, with {@code path} before the kit's probe. */
    static RunRecord runLive(ProviderRegistry registry, ConformanceCase conformanceCase, long limitNs,
                             UnaryOperator<StorageDevice> path) {
        var config = conformanceCase.stack();
        EventLog log = new EventLog();
        LivePlatform platform = new LivePlatform(Stack.costs(config), config.seed());
        Stack stack;
        DeviceProbe[] probe = new DeviceProbe[1];
        boolean memoryBacked;
        try {
            memoryBacked = DeviceFeatures.memoryBacked(registry, config);
            stack = Stack.build(registry, config, platform,
                    device -> path.apply(probe[0] = new DeviceProbe(device, platform, log, conformanceCase.faults())));
        } catch (IllegalArgumentException e) {
            platform.shutdown(1_000_000_000L);
            return new RunRecord(conformanceCase, Optional.of(String.valueOf(e.getMessage())), Optional.empty(), log, 0,
                    false, false, 0, List.of(), Optional.empty(), 0, 0);
        }
        Throwable failure = null;
        boolean finished = false;
        long capacity = 0;
        List<ResourceCount> drain = List.of();
        List<String> notStopped = List.of();
        try {
            BlockLayer layer = stack.submissionLayer();
            capacity = layer.capacitySectors();
            List<ScriptedJob> jobs = startJobs(conformanceCase, stack, layer, platform, log, capacity);
            platform.start();
            finished = platform.await(() -> jobs.stream().allMatch(ScriptedJob::finished), limitNs);
            platform.awaitQuiet(LIVE_SETTLE_NS);
        } catch (RuntimeException | AssertionError e) {
            failure = e;
        } finally {
            notStopped = platform.shutdown(1_000_000_000L);
        }
        if (failure == null && platform.failure() != null) {
            failure = platform.failure();
        }
        if (failure == null && !notStopped.isEmpty()) {
            failure = new IllegalStateException("threads did not stop: " + String.join(", ", notStopped));
        }
        if (finished && failure == null) {
            drain = drainCounts(stack, probe[0]);
        }
        return new RunRecord(conformanceCase, Optional.empty(), Optional.ofNullable(failure), log, capacity, memoryBacked,
                finished && failure == null, platform.nanoTime(), drain, statistics(stack), 0, 0);
    }

    /** Runs the case written as {@code commandLine} (see {@link ConformanceCase#parse}) on the providers found. */
    public static RunRecord replay(String commandLine) {
        return run(SharedRegistry.get(), ConformanceCase.parse(commandLine));
    }

    /** Runs the case written as {@code commandLine} on the providers of {@code registry}. */
    public static RunRecord replay(ProviderRegistry registry, String commandLine) {
        return run(registry, ConformanceCase.parse(commandLine));
    }

    private static boolean runJobs(EventKernel kernel, List<ScriptedJob> jobs) {
        long budget = kernel.fired() + EVENT_LIMIT;
        long completions = 0;
        long lastProgressNs = kernel.now();
        while (true) {
            long done = 0;
            boolean finished = true;
            for (ScriptedJob j : jobs) {
                done += j.completed();
                finished &= j.finished();
            }
            if (finished) {
                return true;
            }
            if (done != completions) {
                completions = done;
                lastProgressNs = kernel.now();
            }
            if (kernel.pending() == 0 || kernel.fired() >= budget) {
                return false;
            }
            long next = kernel.nextEventTime();
            if (next > lastProgressNs + STALL_NS || next > TIME_LIMIT_NS) {
                return false;
            }
            kernel.step();
        }
    }

    /** The case's jobs on their vCPUs, their first I/Os posted. */
    private static List<ScriptedJob> startJobs(ConformanceCase conformanceCase, Stack stack, BlockLayer layer,
                                               Platform platform, EventLog log, long capacity) {
        List<ScriptedJob> jobs = new ArrayList<>();
        List<JobScript> scripts = conformanceCase.workload().jobs();
        for (int j = 0; j < scripts.size(); j++) {
            JobScript s = scripts.get(j);
            jobs.add(new ScriptedJob(j, s, stack.vcpus().get(s.cpu()), layer, platform, log, capacity));
        }
        jobs.forEach(ScriptedJob::start);
        return jobs;
    }

    /**
     * Lets work that still holds or awaits a lock finish, up to {@code untilNs}: after the last completion a
     * stack may still be busy (Aborts for timed-out commands taking queue locks on one host CPU, each handoff
     * waiting a scheduler slice), which is slow, not leaked.
     */
    private static void settleLocks(SimPlatform platform, long untilNs) {
        EventKernel kernel = platform.kernel();
        long budget = kernel.fired() + EVENT_LIMIT;
        while (platform.locks().stream().anyMatch(l -> l.waiting() > 0 || l.holderName() != null)
                && kernel.pending() > 0 && kernel.nextEventTime() <= untilNs && kernel.fired() < budget) {
            kernel.step();
        }
    }

    private static void settle(EventKernel kernel, long untilNs) {
        long budget = kernel.fired() + EVENT_LIMIT;
        while (kernel.pending() > 0 && kernel.nextEventTime() <= untilNs && kernel.fired() < budget) {
            kernel.step();
        }
    }

    /** The stack's statistics, or empty when a component throws reading them. */
    private static Optional<StackStatistics> statistics(Stack stack) {
        try {
            return Optional.of(StackStatistics.of(stack));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<ResourceCount> drainCounts(Stack stack, DeviceProbe probe, SimPlatform platform) {
        List<ResourceCount> counts = drainCounts(stack, probe);
        for (SimLock lock : platform.locks()) {
            counts.add(new ResourceCount("lock " + lock.name() + ": waiters" + (lock.holderName() == null ? ""
                    : " (held by " + lock.holderName() + ")"), 0, lock.waiting()));
        }
        return counts;
    }

    private static List<ResourceCount> drainCounts(Stack stack, DeviceProbe probe) {
        List<ResourceCount> counts = new ArrayList<>();
        int[] inFlight = probe.inFlight();
        for (int q = 0; q < inFlight.length; q++) {
            counts.add(new ResourceCount("device queue " + q + ": commands in flight", 0, inFlight[q]));
        }
        balance(counts, "device", stack.device().statistics(), StorageDevice.COMMANDS, StorageDevice.COMPLETIONS);
        stack.guestBlockLayer().ifPresent(g -> balance(counts, "guest block layer", g.statistics(),
                BlockLayer.SUBMITTED, BlockLayer.COMPLETED));
        balance(counts, "host block layer", stack.hostBlockLayer().statistics(), BlockLayer.SUBMITTED,
                BlockLayer.COMPLETED);
        for (Virtqueue<?> vq : stack.dataPlane().virtqueues()) {
            String name = "virtqueue " + vq.index();
            counts.add(new ResourceCount(name + ": free descriptors (of " + vq.size() + ")", vq.size(), vq.freeDescriptors()));
            counts.add(new ResourceCount(name + ": chains the device has not popped", 0, vq.hasAvailable() ? 1 : 0));
            balance(counts, name, vq.statistics(), Virtqueue.ADDED, Virtqueue.PUSHED);
            counts.add(new ResourceCount(name + ": broken" + vq.brokenReason().map(r -> " (" + r + ")").orElse(""), 0,
                    vq.brokenReason().isPresent() ? 1 : 0));
        }
        return counts;
    }

    /** After a drain, {@code done} must have caught up with {@code started}, when the statistics report both. */
    private static void balance(List<ResourceCount> counts, String component, Statistics stats, Counter started,
                                Counter done) {
        if (stats.declares(started) && stats.declares(done)) {
            counts.add(new ResourceCount(component + ": " + done.name() + " (must equal " + started.name() + ")",
                    stats.get(started), stats.get(done)));
        }
    }

    private static long resultDigest(EventLog log) {
        long h = 0x9E3779B97F4A7C15L;
        for (Event.Completed c : log.of(Event.Completed.class)) {
            h = mix(h, c.request());
            h = mix(h, c.timeNs());
            h = mix(h, c.status().ordinal());
            h = mix(h, c.data() == null ? -1 : Arrays.hashCode(c.data()));
        }
        return h;
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 31);
    }
}
