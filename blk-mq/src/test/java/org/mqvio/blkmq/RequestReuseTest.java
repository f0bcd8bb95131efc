package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.Parameters;

/**
 * The block layers reuse their requests ({@link StaticRequests}): a request is reused only once it is done with,
 * that is once every original it carried has completed. The sharpest case is a completion that submits again at
 * once, from inside the completion of a merged request: were the request free before its last original
 * completed, the new bio would take it over while the layer still walks its originals.
 */
class RequestReuseTest {
    private static final List<BlockLayerProvider> LAYERS = List.of(new BlkMqProvider(), new SingleQueueProvider());

    /** A block layer over a {@link HeldDriver} with one submitting CPU, counting completions per id. */
    private static final class Rig {
        final ManualPlatform platform = new ManualPlatform();
        final ExecutionContext cpu = platform.newContext(ContextSpec.of("cpu0", ContextKind.VCPU));
        final HeldDriver driver = new HeldDriver(platform, true, 32);
        final BlockLayer layer;
        final String name;
        final Map<Long, Integer> completions = new HashMap<>();
        final Map<Long, Status> statuses = new HashMap<>();

        Rig(BlockLayerProvider provider) {
            name = provider.name();
            layer = provider.create(new BlockLayerSetup(platform, Parameters.resolve(provider.parameters(), Map.of()),
                    BlockLayerSetup.Role.GUEST, List.of(cpu), driver));
        }

        BlockRequest read(long id, long sector, Completion then) {
            return BlockRequest.builder(Operation.READ).id(id).sector(sector).length(4096).cpu(0)
                    .completion((ctx, done) -> {
                        completions.merge(done.id(), 1, Integer::sum);
                        statuses.put(done.id(), done.status());
                        then.completed(ctx, done);
                    }).build();
        }

        /** Submits {@code bios} in one work item of the CPU, so that adjacent ones merge. */
        void submitTogether(BlockRequest... bios) {
            cpu.post(0, () -> {
                for (BlockRequest b : bios) {
                    layer.submit(cpu, b);
                }
            });
            platform.runUntilIdle();
        }
    }

    @Example
    void aCompletionThatSubmitsAgainAtOnceGetsAnotherRequestThanTheOneStillCompleting() {
        for (BlockLayerProvider p : LAYERS) {
            Rig rig = new Rig(p);
            List<BlockRequest> resubmitted = new ArrayList<>();
            // The first original's completion submits a new bio on the context it runs on, at once.
            BlockRequest first = rig.read(1, 0, (ctx, done) -> {
                BlockRequest again = rig.read(3, 800, (c, d) -> { });
                resubmitted.add(again);
                rig.layer.submit(ctx, again);
            });
            BlockRequest second = rig.read(2, 8, (ctx, done) -> { });
            rig.submitTogether(first, second);
            assertThat(rig.driver.held).as(rig.name + ": the two reads merged into one request").hasSize(1);
            BlockRequest merged = rig.driver.held.get(0);

            rig.driver.complete(0, Status.OK);

            assertThat(rig.completions).as(rig.name + ": each original completed once, the merged pair and the new one")
                    .containsEntry(1L, 1).containsEntry(2L, 1);
            assertThat(rig.statuses).as(rig.name).containsEntry(1L, Status.OK).containsEntry(2L, Status.OK);
            assertThat(resubmitted).as(rig.name).hasSize(1);
            assertThat(rig.driver.held).as(rig.name + ": the new bio went down on its own").singleElement()
                    .satisfies(r -> assertThat(r.id()).isEqualTo(3L))
                    .satisfies(r -> assertThat(r.sector()).isEqualTo(800L))
                    .satisfies(r -> assertThat(r.length()).isEqualTo(4096));
            BlockRequest third = rig.driver.held.get(0);
            if (p instanceof BlkMqProvider) {
                // blk-mq starts the new bio's request inside the completion, while the merged one is still
                // completing; the single-queue layer starts it in its next lock round, when that one is done with.
                assertThat(third).as(rig.name + ": made anew, the merged one still completing").isNotSameAs(merged);
            }
            rig.driver.complete(0, Status.OK);
            assertThat(rig.completions).as(rig.name).containsEntry(3L, 1).hasSize(3);

            rig.submitTogether(rig.read(4, 1600, (c, d) -> { }));
            assertThat(rig.driver.held).as(rig.name + ": a request done with is reused, not made anew")
                    .singleElement().isIn(merged, third)
                    .satisfies(r -> assertThat(r.id()).isEqualTo(4L))
                    .satisfies(r -> assertThat(r.sector()).isEqualTo(1600L))
                    .satisfies(r -> assertThat(r.isCompleted()).isFalse());
            rig.driver.complete(0, Status.OK);
            assertThat(rig.completions).as(rig.name).containsEntry(4L, 1);
        }
    }
}
