package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.Parameters;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.CostTableFile;

/**
 * A block layer alone on the simulation, over a {@link ScriptedDriver}, driven by a
 * {@link BlockLayerContract}'s actions and checked against the {@link BlockLayer} contract: every submitted
 * request completes exactly once with the status the driver gave it; nothing is dispatched beyond a queue's
 * depth, twice, or to a queue that does not exist; requests one CPU submits reach each hardware queue in the
 * order it submitted them (unless the configuration may reorder); after a drain the statistics balance.
 */
public final class BlockLayerBench {
    /**
     * What the bench is built from.
     *
     * @param blockLayer the provider's name
     * @param settings   the provider's parameters
     * @param role       guest or host
     * @param cpus       submitting CPUs, 1 to 4
     * @param queues     the driver's hardware queues, 1 to 4
     * @param depth      the depth of each, 1 to 8
     * @param seed       the simulation's seed
     */
    public record Shape(String blockLayer, Map<String, String> settings, BlockLayerSetup.Role role, int cpus, int queues,
                        int depth, long seed) {
        public Shape {
            settings = Map.copyOf(settings);
        }
    }

    private static final long STEP_NS = 20_000;
    private static final long DRAIN_STEP_NS = 5_000_000;
    private static final int DRAIN_ROUNDS = 200;

    private final Shape shape;
    private final boolean mayReorder;
    private final SimPlatform platform;
    private final List<ExecutionContext> cpus = new ArrayList<>();
    private final ScriptedDriver driver;
    private final BlockLayer layer;
    private final Map<Long, BlockRequest> submitted = new LinkedHashMap<>();
    private final Map<Long, Integer> completions = new LinkedHashMap<>();
    private final Map<Long, Status> driverStatus = new LinkedHashMap<>();
    private final List<String> wrongStatus = new ArrayList<>();
    private int nextIndex;
    /** Per queue, how many accepted commands have had their carried requests claimed. */
    private final int[] claimed;
    private final Map<BlockRequest, List<Long>> claims = new java.util.IdentityHashMap<>();
    private final java.util.Set<Long> claimedIds = new java.util.HashSet<>();
    private final java.util.Set<Long> given = new java.util.HashSet<>();

    private BlockLayerBench(ProviderRegistry registry, Shape shape, boolean mayReorder) {
        this.shape = shape;
        this.mayReorder = mayReorder;
        this.platform = new SimPlatform(CostTableFile.defaults(), 2, shape.seed());
        for (int i = 0; i < shape.cpus(); i++) {
            cpus.add(platform.newContext(ContextSpec.of("cpu" + i,
                    shape.role() == BlockLayerSetup.Role.GUEST ? ContextKind.VCPU : ContextKind.HOST)));
        }
        this.driver = new ScriptedDriver(platform, shape.queues(), shape.depth());
        this.claimed = new int[shape.queues()];
        BlockLayerProvider provider = registry.blockLayer(shape.blockLayer());
        this.layer = provider.create(new BlockLayerSetup(platform, Parameters.resolve(provider.parameters(),
                shape.settings()), shape.role(), cpus, driver));
    }

    /** The bench for {@code shape}; {@code mayReorder} turns the order check off. */
    public static BlockLayerBench open(ProviderRegistry registry, Shape shape, boolean mayReorder) {
        return new BlockLayerBench(registry, shape, mayReorder);
    }

    /** Whether the provider accepts {@code shape} (it throws {@link IllegalArgumentException} otherwise). */
    public static boolean opens(ProviderRegistry registry, Shape shape) {
        try {
            open(registry, shape, false);
            return true;
        } catch (IllegalArgumentException rejected) {
            return false;
        }
    }

    int cpuCount() {
        return cpus.size();
    }

    int queueCount() {
        return shape.queues();
    }

    int inFlight(int queue) {
        return driver.inFlight(queue).size();
    }

    boolean anyInFlight() {
        for (int q = 0; q < shape.queues(); q++) {
            if (!driver.inFlight(q).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    void submit(int cpu, IoOp op) {
        long id = RequestIds.of(cpu, nextIndex++);
        ExecutionContext ctx = cpus.get(cpu);
        BlockRequest r = BlockRequest.builder(op.operation()).id(id).sector(op.firstSector(ScriptedDriver.CAPACITY_SECTORS))
                .length(op.operation() == Operation.FLUSH ? 0 : op.lengthBytes()).fua(op.fua()).cpu(cpu)
                .completion((c, done) -> completed(done)).build();
        submitted.put(id, r);
        ctx.post(0, () -> layer.submit(ctx, r));
        advance(STEP_NS);
    }

    void complete(int queue, int index, Status status) {
        BlockRequest r = driver.inFlight(queue).get(index);
        attribute(r, status);
        driver.complete(queue, index, status);
        advance(STEP_NS);
    }

    /**
     * Records the status the driver gives {@code command} as the one each submitted request it carries must
     * complete with.
     */
    private void attribute(BlockRequest command, Status status) {
        driverStatus.put(command.id(), status);
        for (long carried : carriedBy(command)) {
            driverStatus.put(carried, status);
        }
    }

    /**
     * The submitted requests a command carries besides the one whose id it bears. A layer that merges hands the
     * driver one command for several submitted requests and the driver sees only the command; the bench counts
     * as carried the submitted requests that, with the command's own, cover its range exactly end to end, each
     * never given to the driver on its own, carried by no earlier command, submitted before the command was
     * accepted, with its operation and FUA flag (a merge needs all of these). Claims are made in acceptance
     * order.
     */
    private List<Long> carriedBy(BlockRequest command) {
        claimUpTo();
        return claims.getOrDefault(command, List.of());
    }

    private void claimUpTo() {
        for (int q = 0; q < shape.queues(); q++) {
            List<ScriptedDriver.Accepted> accepted = driver.accepted(q);
            for (int k = claimed[q]; k < accepted.size(); k++) {
                ScriptedDriver.Accepted a = accepted.get(k);
                given.add(a.request().id());
                claims.put(a.request(), claim(a));
            }
            claimed[q] = accepted.size();
        }
    }

    private List<Long> claim(ScriptedDriver.Accepted a) {
        BlockRequest command = a.request();
        if (command.operation() != Operation.READ && command.operation() != Operation.WRITE) {
            return List.of();
        }
        long end = command.sector() + command.sectors();
        List<BlockRequest> candidates = new ArrayList<>();
        for (BlockRequest r : submitted.values()) {
            if (r.id() != command.id() && !given.contains(r.id()) && !claimedIds.contains(r.id())
                    && r.submittedNs() >= 0 && r.submittedNs() <= a.timeNs()
                    && r.operation() == command.operation() && r.fua() == command.fua()
                    && r.sector() >= command.sector() && r.sector() + r.sectors() <= end && !driver.wasGiven(r.id())) {
                candidates.add(r);
            }
        }
        BlockRequest lead = submitted.get(command.id());
        List<Long> out = new ArrayList<>();
        if (candidates.isEmpty() || lead == null
                || !tile(command.sector(), end, lead, false, candidates, new ArrayList<>(), out)) {
            return List.of();
        }
        claimedIds.addAll(out);
        return out;
    }

    /**
     * Finds submitted requests that, with the command's own request {@code lead}, cover {@code [from, end)}
     * exactly, end to end, as merged requests do (a merge only joins adjacent ranges); fills {@code out} with
     * them. A range merely inside the command is not enough: it may belong to a later command.
     */
    private static boolean tile(long from, long end, BlockRequest lead, boolean leadUsed, List<BlockRequest> candidates,
                                List<BlockRequest> used, List<Long> out) {
        if (from == end) {
            if (!leadUsed) {
                return false;
            }
            used.forEach(r -> out.add(r.id()));
            return true;
        }
        if (!leadUsed && lead.sector() == from && lead.sector() + lead.sectors() <= end
                && tile(from + lead.sectors(), end, lead, true, candidates, used, out)) {
            return true;
        }
        for (BlockRequest r : candidates) {
            if (r.sector() == from && r.sectors() > 0 && !used.contains(r)) {
                used.add(r);
                if (tile(from + r.sectors(), end, lead, leadUsed, candidates, used, out)) {
                    return true;
                }
                used.remove(used.size() - 1);
            }
        }
        return false;
    }

    /**
     * The earliest submitted request a command carries, by submission index: a front merge gives the command
     * the id of the later request it merged in front of, yet the command stands where the earlier one stood.
     */
    private long earliestCarried(BlockRequest command) {
        long earliest = command.id();
        for (long carried : carriedBy(command)) {
            if (RequestIds.job(carried) == RequestIds.job(earliest)
                    && RequestIds.index(carried) < RequestIds.index(earliest)) {
                earliest = carried;
            }
        }
        return earliest;
    }

    void answerNext(int queue, org.mqvio.api.DispatchResult answer) {
        driver.answerNext(queue, answer);
    }

    void advance(long ns) {
        platform.runUntil(platform.nanoTime() + ns);
    }

    private void completed(BlockRequest r) {
        completions.merge(r.id(), 1, Integer::sum);
        Status expected = driverStatus.get(r.id());
        boolean beyondEnd = r.operation().addressesSectors()
                && r.sector() + r.sectors() > ScriptedDriver.CAPACITY_SECTORS;
        if (expected == null && beyondEnd) {
            // A layer may fail a request past the end itself, as Linux does before queueing it.
            if (r.status() != Status.IO_ERROR) {
                wrongStatus.add(RequestIds.label(r.id()) + " reaches past the end of the device but completed with "
                        + r.status() + " without reaching the driver; allowed: IO_ERROR");
            }
        } else if (expected == null) {
            wrongStatus.add(RequestIds.label(r.id()) + " completed with " + r.status() + " before the driver completed it");
        } else if (expected != r.status()) {
            wrongStatus.add(RequestIds.label(r.id()) + " completed with " + r.status() + "; the driver gave " + expected);
        }
    }

    /** After every action: no breach of the driver contract, no double or wrong completion, order kept. */
    void checkInvariant() {
        check(driver.breaches().isEmpty(), String.join("; ", driver.breaches()));
        check(wrongStatus.isEmpty(), String.join("; ", wrongStatus));
        completions.forEach((id, n) -> check(n == 1, RequestIds.label(id) + " completed " + n + " times"));
        if (!mayReorder) {
            for (int q = 0; q < shape.queues(); q++) {
                Map<Integer, Long> lastPerCpu = new LinkedHashMap<>();
                for (ScriptedDriver.Accepted a : driver.accepted(q)) {
                    long id = earliestCarried(a.request());
                    Long before = lastPerCpu.put(RequestIds.job(id), id);
                    if (before != null && RequestIds.index(before) > RequestIds.index(id)) {
                        check(false, "hardware queue " + q + " got " + RequestIds.label(id) + " after "
                                + RequestIds.label(before) + ", which cpu" + RequestIds.job(id) + " submitted later");
                    }
                }
            }
        }
    }

    /** At the end: complete everything, let the layer dispatch the rest, and check everything completed once. */
    void drainAndCheck() {
        for (int round = 0; round < DRAIN_ROUNDS && completions.size() < submitted.size(); round++) {
            for (int q = 0; q < shape.queues(); q++) {
                for (BlockRequest r : driver.inFlight(q)) {
                    attribute(r, Status.OK);
                }
            }
            driver.completeAll();
            advance(DRAIN_STEP_NS);
        }
        checkInvariant();
        for (Long id : submitted.keySet()) {
            check(completions.containsKey(id), "request " + RequestIds.label(id) + " ("
                    + submitted.get(id).operation() + ") never completed, though the driver completed everything it"
                    + " was given and answered OK to every dispatch for " + (DRAIN_ROUNDS * DRAIN_STEP_NS / 1_000_000)
                    + " ms");
        }
        Statistics stats = layer.statistics();
        check(stats.declares(BlockLayer.SUBMITTED) && stats.get(BlockLayer.SUBMITTED) == submitted.size()
                && stats.declares(BlockLayer.COMPLETED) && stats.get(BlockLayer.COMPLETED) == submitted.size(),
                "statistics " + stats + " after " + submitted.size() + " requests submitted and completed; submitted"
                + " and completed must both be " + submitted.size());
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError("block layer " + shape.blockLayer() + " " + shape.settings() + " as " + shape.role()
                    + " on " + shape.cpus() + " CPU(s) over " + shape.queues() + " hardware queue(s) of depth "
                    + shape.depth() + ", seed " + shape.seed() + ": " + message);
        }
    }

    @Override
    public String toString() {
        return shape.blockLayer() + " " + shape.settings() + " as " + shape.role() + " on " + shape.cpus() + " CPU(s) over "
                + shape.queues() + " hardware queue(s) of depth " + shape.depth() + ", seed " + shape.seed() + "; "
                + submitted.size() + " submitted, " + completions.size() + " completed, " + driver.refused() + " refused";
    }
}
