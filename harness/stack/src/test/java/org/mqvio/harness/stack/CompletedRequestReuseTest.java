package org.mqvio.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.sim.EventKernel;
import org.mqvio.harness.sim.SimPlatform;

/**
 * {@link BlockRequest}'s ownership rule on the whole stack: completing a request hands it back to its creator, who
 * may rebuild it at once (on the live runtime on another thread, while the call that completed it still runs). Here
 * a job rebuilds each of its requests inside its completion into another one (another CPU, sector, length and
 * direction, whose completion fails the test), the most eager reuse a creator can make; a layer, wrapper or probe
 * that touched a request after completing it would see that other one, and the run would differ from the same run
 * whose job leaves its completed requests alone: in its trace digest (every event), or in what the job saw.
 */
class CompletedRequestReuseTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final int VCPUS = 4;
    private static final int DEPTH = 8;
    private static final int IOS_PER_VCPU = 150;
    private static final Completion KEPT = (context, r) -> {
        throw new AssertionError("a request rebuilt by its creator after its completion completed: a layer kept " + r);
    };

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "baseline, blk-mq",
        "baseline, single-queue",
        "mq, blk-mq",
        "native, blk-mq",
        "native, single-queue",
    })
    void noLayerTouchesARequestAfterCompletingIt(String dataPlane, String blockLayer) {
        List<String> leftAlone = run(dataPlane, blockLayer, false);
        List<String> rebuilt = run(dataPlane, blockLayer, true);
        assertThat(leftAlone).hasSize(VCPUS * IOS_PER_VCPU + 1);
        assertThat(rebuilt).isEqualTo(leftAlone);
    }

    /** What the jobs saw (each completion: id, status, time), in order, and last the run's trace digest. */
    private static List<String> run(String dataPlane, String blockLayer, boolean rebuildAtOnce) {
        StackConfig config = StackConfig.defaults(VCPUS).withDataPlane(dataPlane).withGuestBlockLayer(blockLayer)
                .withHostBlockLayer(blockLayer);
        SimPlatform platform = new SimPlatform(Stack.costs(config), config.hostCpus(), config.seed());
        Stack stack = Stack.build(REGISTRY, config, platform);
        List<String> seen = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        for (int cpu = 0; cpu < VCPUS; cpu++) {
            Job job = new Job(cpu, stack.vcpus().get(cpu), stack.submissionLayer(), platform, seen, rebuildAtOnce);
            jobs.add(job);
            job.start();
        }
        EventKernel kernel = platform.kernel();
        while (seen.size() < VCPUS * IOS_PER_VCPU && kernel.pending() > 0 && kernel.now() < 1_000_000_000L) {
            kernel.step();
        }
        seen.add("digest " + platform.digest());
        return seen;
    }

    /** A CPU's job: keeps {@value #DEPTH} random 4 KiB reads and writes in flight, a new request for each. */
    private static final class Job implements Completion {
        private final int cpu;
        private final ExecutionContext context;
        private final BlockLayer layer;
        private final SimPlatform platform;
        private final List<String> seen;
        private final boolean rebuildAtOnce;
        private final SplittableRandom random;
        private final Runnable submitNext = this::submitNext;
        private int submitted;

        Job(int cpu, ExecutionContext context, BlockLayer layer, SimPlatform platform, List<String> seen,
            boolean rebuildAtOnce) {
            this.cpu = cpu;
            this.context = context;
            this.layer = layer;
            this.platform = platform;
            this.seen = seen;
            this.rebuildAtOnce = rebuildAtOnce;
            this.random = new SplittableRandom(cpu);
        }

        void start() {
            for (int i = 0; i < DEPTH; i++) {
                context.post(0, submitNext);
            }
        }

        private void submitNext() {
            if (submitted == IOS_PER_VCPU) {
                return;
            }
            long id = (long) cpu << 32 | submitted++;
            Operation op = random.nextBoolean() ? Operation.READ : Operation.WRITE;
            long sector = 8 * random.nextLong(1 << 20);
            layer.submit(context, BlockRequest.builder(op).id(id).sector(sector).length(4096).cpu(cpu)
                    .createdNs(platform.nanoTime()).completion(this).build());
        }

        @Override
        public void completed(ExecutionContext where, BlockRequest done) {
            seen.add(done.id() + " " + done.status() + " at " + platform.nanoTime());
            if (rebuildAtOnce) {
                BlockRequest.builder(done.operation() == Operation.READ ? Operation.WRITE : Operation.READ)
                        .id(-1 - done.id()).sector(done.sector() + 8 * 1024).length(2 * done.length())
                        .cpu((done.cpu() + 1) % VCPUS).createdNs(0).completion(KEPT).rebuild(done);
            }
            context.post(0, submitNext);
        }
    }
}
