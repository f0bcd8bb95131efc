package org.mqvio.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.Parameters;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.sim.SimPlatform;

/**
 * The block layer contract against a driver that answers busy at random: every submitted request completes
 * exactly once with the driver's status, requests reach each hardware queue in submission order, and the
 * driver never holds more than its depth.
 */
class BlockLayerContractTest {

    /** A driver whose queues complete after a random delay and answer busy at random. */
    private static final class FlakyDriver implements BlockDriver {
        final SimPlatform platform;
        final SplittableRandom random;
        final int queues;
        final int depth;
        final int[] inFlight;
        final List<List<Long>> arrivals = new ArrayList<>();
        final ExecutionContext irq;
        BlockLayer layer;
        int maxInFlight;

        FlakyDriver(SimPlatform platform, long seed, int queues, int depth) {
            this.platform = platform;
            this.random = new SplittableRandom(seed);
            this.queues = queues;
            this.depth = depth;
            this.inFlight = new int[queues];
            for (int q = 0; q < queues; q++) {
                arrivals.add(new ArrayList<>());
            }
            this.irq = platform.newContext(ContextSpec.of("irq", ContextKind.IRQ));
        }

        @Override
        public void bind(BlockLayer blockLayer) {
            layer = blockLayer;
        }

        @Override
        public int hardwareQueues() {
            return queues;
        }

        @Override
        public int queueDepth(int queue) {
            return depth;
        }

        @Override
        public long capacitySectors() {
            return 1 << 20;
        }

        @Override
        public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
            int roll = random.nextInt(10);
            if (roll == 0 && inFlight[queue] > 0) {
                return DispatchResult.DEVICE_BUSY;
            }
            if (roll == 1) {
                return DispatchResult.RESOURCE_BUSY;
            }
            inFlight[queue]++;
            maxInFlight = Math.max(maxInFlight, inFlight[queue]);
            arrivals.get(queue).add(request.id());
            Status status = request.sector() % 7 == 0 ? Status.MEDIUM_ERROR : Status.OK;
            platform.schedule(1_000 + random.nextInt(20_000), () -> irq.post(100, () -> {
                inFlight[queue]--;
                layer.complete(irq, request, status);
                layer.restart(irq, queue);
            }));
            return DispatchResult.OK;
        }

        @Override
        public void commit(ExecutionContext context, int queue) {
        }
    }

    @Property(tries = 300)
    void everyRequestCompletesOnceInOrderWithinDepth(@ForAll @IntRange(min = 1, max = 4) int cpus,
                                                    @ForAll @IntRange(min = 1, max = 4) int queues,
                                                    @ForAll @IntRange(min = 1, max = 8) int depth,
                                                    @ForAll @IntRange(min = 1, max = 200) int requests,
                                                    @ForAll long seed) {
        SimPlatform platform = new SimPlatform(CostTableFile.defaults(), 2, seed);
        List<ExecutionContext> cpuContexts = new ArrayList<>();
        for (int i = 0; i < cpus; i++) {
            cpuContexts.add(platform.newContext(ContextSpec.of("cpu" + i, ContextKind.VCPU)));
        }
        FlakyDriver driver = new FlakyDriver(platform, seed, queues, depth);
        BlockLayerProvider provider = ProviderRegistry.load().blockLayer("blk-mq");
        BlockLayer layer = provider.create(new BlockLayerSetup(platform,
                Parameters.resolve(provider.parameters(), Map.of()), BlockLayerSetup.Role.GUEST, cpuContexts, driver));
        List<BlockRequest> submitted = new ArrayList<>();
        int[] completions = new int[requests];
        List<List<Long>> submittedPerQueue = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            submittedPerQueue.add(new ArrayList<>());
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < requests; i++) {
            int cpu = r.nextInt(cpus);
            int index = i;
            BlockRequest req = BlockRequest.builder(Operation.READ).id(i).sector(r.nextInt(1 << 19) * 8L).length(4096)
                    .cpu(cpu).completion((ctx, done) -> completions[index]++).build();
            submitted.add(req);
            ExecutionContext ctx = cpuContexts.get(cpu);
            ctx.post(r.nextInt(2_000), () -> {
                submittedPerQueue.get(cpu % queues).add(req.id());
                layer.submit(ctx, req);
            });
        }
        platform.runUntil(1_000_000_000L);

        for (int i = 0; i < requests; i++) {
            assertThat(completions[i]).as("completions of request %d", i).isEqualTo(1);
            BlockRequest req = submitted.get(i);
            assertThat(req.status()).isEqualTo(req.sector() % 7 == 0 ? Status.MEDIUM_ERROR : Status.OK);
        }
        assertThat(driver.maxInFlight).isLessThanOrEqualTo(depth);
        for (int q = 0; q < queues; q++) {
            assertThat(driver.arrivals.get(q)).as("dispatch order of hardware queue %d", q)
                    .isEqualTo(submittedPerQueue.get(q));
        }
        assertThat(layer.statistics().get("completed")).isEqualTo(requests);
    }
}
