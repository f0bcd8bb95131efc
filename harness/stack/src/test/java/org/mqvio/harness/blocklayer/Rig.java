package org.mqvio.harness.blocklayer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
 * A block layer found by name through the registry, on the simulation, over a {@link TestDriver}, with
 * submitting CPUs; records every submission (in the order {@code submit} was called) and every completion.
 */
final class Rig {
    static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    /** Long enough for any test's requests to drain, busy re-runs included. */
    static final long DRAIN_NS = 20_000_000_000L;

    final SimPlatform platform;
    final List<ExecutionContext> cpus = new ArrayList<>();
    final TestDriver driver;
    final BlockLayer layer;
    final List<BlockRequest> submitted = new ArrayList<>();
    final Map<BlockRequest, Integer> completions = new IdentityHashMap<>();
    final Map<BlockRequest, ExecutionContext> completedOn = new IdentityHashMap<>();
    final Map<BlockRequest, Long> submittedAt = new IdentityHashMap<>();
    private long nextId;

    private Rig(Builder b) {
        platform = new SimPlatform(CostTableFile.defaults(), b.hostCpus, b.seed);
        for (int i = 0; i < b.cpus; i++) {
            cpus.add(platform.newContext(ContextSpec.of("cpu" + i, b.kind)));
        }
        TestDriver.Builder d = b.driver.apply(TestDriver.on(platform).seed(b.seed));
        if (b.completeOnCpu != null) {
            d.completeOn(q -> cpus.get(b.completeOnCpu.applyAsInt(q)));
        }
        driver = d.build();
        BlockLayerProvider provider = REGISTRY.blockLayer(b.provider);
        layer = provider.create(new BlockLayerSetup(platform, Parameters.resolve(provider.parameters(), b.settings),
                b.role, cpus, driver));
    }

    static Builder of(String provider) {
        return new Builder(provider);
    }

    /** A request from {@code cpu} covering {@code blocks} 4 KiB blocks from {@code block}. */
    BlockRequest request(Operation op, long block, int blocks, int cpu) {
        boolean sectors = op.addressesSectors();
        return BlockRequest.builder(op).id(nextId++).sector(sectors ? block * 8 : 0).length(sectors ? blocks * 4096 : 0)
                .cpu(cpu).createdNs(platform.nanoTime()).completion((ctx, done) -> {
                    completions.merge(done, 1, Integer::sum);
                    completedOn.put(done, ctx);
                }).build();
    }

    /** Submits {@code requests} from their CPU in one work item at {@code atNs}. */
    void submitAt(long atNs, int cpu, List<BlockRequest> requests) {
        ExecutionContext ctx = cpus.get(cpu);
        platform.schedule(atNs - platform.nanoTime(), () -> ctx.post(0, () -> {
            for (BlockRequest r : requests) {
                submitted.add(r);
                submittedAt.put(r, platform.nanoTime());
                layer.submit(ctx, r);
            }
        }));
    }

    void drain() {
        platform.runUntil(DRAIN_NS);
    }

    /** The block layer's counter of this name (which it must declare). */
    long stat(String name) {
        Statistics s = layer.statistics();
        return s.get(s.counters().named(name));
    }

    /** The accepted command whose range holds {@code r} (blocks are unique in the tests that ask). */
    TestDriver.Arrival commandOf(BlockRequest r) {
        TestDriver.Arrival found = null;
        for (TestDriver.Arrival a : driver.arrivals) {
            BlockRequest c = a.command();
            boolean covers = c.operation() == r.operation() && (!r.operation().addressesSectors()
                    ? c.id() == r.id() : c.sector() <= r.sector() && r.sector() + r.sectors() <= a.endSector());
            if (covers) {
                if (found != null) {
                    throw new AssertionError(r + " is in two commands: " + found.command() + " and " + c);
                }
                found = a;
            }
        }
        return found;
    }

    /** The status the driver gave the command that carried {@code r}. */
    Status expectedStatus(BlockRequest r) {
        TestDriver.Arrival a = commandOf(r);
        if (a == null) {
            throw new AssertionError(r + " reached the driver in no command");
        }
        return TestDriver.statusOf(a.command());
    }

    /** Builds a {@link Rig}. */
    static final class Builder {
        private final String provider;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private int cpus = 1;
        private int hostCpus = 4;
        private long seed = 1;
        private ContextKind kind = ContextKind.VCPU;
        private BlockLayerSetup.Role role = BlockLayerSetup.Role.GUEST;
        private UnaryOperator<TestDriver.Builder> driver = d -> d;
        private java.util.function.IntUnaryOperator completeOnCpu;

        private Builder(String provider) {
            this.provider = provider;
        }

        Builder cpus(int n) {
            cpus = n;
            return this;
        }

        Builder hostCpus(int n) {
            hostCpus = n;
            return this;
        }

        Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Host role with host CPU contexts (a native job's CPUs). */
        Builder host() {
            role = BlockLayerSetup.Role.HOST;
            kind = ContextKind.HOST;
            return this;
        }

        Builder set(String name, Object value) {
            settings.put(name, String.valueOf(value));
            return this;
        }

        Builder set(Map<String, String> more) {
            settings.putAll(more);
            return this;
        }

        Builder driver(UnaryOperator<TestDriver.Builder> configure) {
            driver = configure;
            return this;
        }

        /** The driver completes commands of hardware queue q on CPU {@code cpuOfQueue(q)}'s context. */
        Builder completeOnCpu(java.util.function.IntUnaryOperator cpuOfQueue) {
            completeOnCpu = cpuOfQueue;
            return this;
        }

        Rig build() {
            return new Rig(this);
        }
    }
}
