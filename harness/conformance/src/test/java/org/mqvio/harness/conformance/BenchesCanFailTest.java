package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Example;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.DeviceSetup;
import org.mqvio.api.spi.Provider;
import org.mqvio.api.spi.ProviderKind;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.spi.StorageDeviceProvider;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.api.spi.BlockLayerSetup.Role;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/**
 * The stateful contracts' models catch deliberately wrong implementations: a virtqueue that never asks for a
 * kick, one that loses track of descriptors, one that never interrupts; a block layer that dispatches beyond a
 * queue's depth and drops refused requests, one that reverses requests; a device that completes inside
 * {@code queueRequest}, one that answers busy while empty.
 */
class BenchesCanFailTest {

    // ---- virtqueue ----

    @SuppressWarnings("unchecked")
    private static VirtqueueBench bench(java.util.function.UnaryOperator<Virtqueue<Object>> wrong) {
        StackConfig config = StackConfig.defaults(1);
        SimPlatform platform = new SimPlatform(Stack.costs(config), config.hostCpus(), 0);
        Virtqueue<Object> vq = (Virtqueue<Object>) Stack.build(SharedRegistry.get(), config, platform).dataPlane()
                .virtqueues().get(0);
        return VirtqueueBench.of(config, wrong.apply(vq));
    }

    @Example
    void theRealVirtqueuePassesTheseScripts() {
        VirtqueueBench b = bench(vq -> vq);
        b.enableNotification();
        b.add(1, 1);
        b.kickPrepare();
        b.enableCallback();
        b.pop();
        b.push(0, 1000);
        b.shouldNotify();
        b.checkInvariant();
        b.drainAndCheck();
    }

    @Example
    void aLostKickIsCaught() {
        VirtqueueBench b = bench(vq -> new Wrong(vq) {
            @Override
            public boolean kickPrepare() {
                vq.kickPrepare();
                return false;
            }
        });
        b.enableNotification();
        b.add(1, 1);
        assertThatThrownBy(b::kickPrepare).isInstanceOf(AssertionError.class).hasMessageContaining("asked for no kick");
    }

    @Example
    void aLostInterruptIsCaught() {
        VirtqueueBench b = bench(vq -> new Wrong(vq) {
            @Override
            public boolean shouldNotify() {
                vq.shouldNotify();
                return false;
            }
        });
        b.add(1, 1);
        b.kickPrepare();
        b.enableCallback();
        b.pop();
        b.push(0, 500);
        assertThatThrownBy(b::shouldNotify).hasMessageContaining("asked for no interrupt");
    }

    @Example
    void leakedDescriptorsAreCaught() {
        VirtqueueBench b = bench(vq -> new Wrong(vq) {
            @Override
            public int freeDescriptors() {
                return vq.freeDescriptors() - 1;
            }
        });
        assertThatThrownBy(b::checkInvariant).hasMessageContaining("free descriptors 127; expected 128");
    }

    @Example
    void aPopThatFindsNothingButLeavesTheLastChainIsCaught() {
        VirtqueueBench b = bench(vq -> new Wrong(vq) {
            @Override
            public boolean pop(DescriptorChain into) {
                DescriptorChain mine = new DescriptorChain();
                if (!vq.pop(mine)) {
                    return false;
                }
                into.start(mine.head());
                for (int i = 0; i < mine.descriptors(); i++) {
                    into.append(mine.address(i), mine.length(i), mine.writeOnly(i));
                }
                return true;
            }
        });
        b.add(1, 1);
        b.kickPrepare();
        b.pop();
        assertThatThrownBy(b::pop).hasMessageContaining("pop found nothing but left DescriptorChain[head=0");
    }

    /** A virtqueue that passes every call on; tests override one. */
    private static class Wrong implements Virtqueue<Object> {
        final Virtqueue<Object> vq;

        Wrong(Virtqueue<Object> vq) {
            this.vq = vq;
        }

        @Override public int index() { return vq.index(); }
        @Override public int size() { return vq.size(); }
        @Override public int freeDescriptors() { return vq.freeDescriptors(); }
        @Override public boolean add(List<GuestBuffer> r, List<GuestBuffer> w, Object t) { return vq.add(r, w, t); }
        @Override public boolean kickPrepare() { return vq.kickPrepare(); }
        @Override public boolean getUsed(UsedBuffer<Object> into) { return vq.getUsed(into); }
        @Override public void disableCallback() { vq.disableCallback(); }
        @Override public boolean enableCallback() { return vq.enableCallback(); }
        @Override public boolean pop(DescriptorChain into) { return vq.pop(into); }
        @Override public void push(int head, int written) { vq.push(head, written); }
        @Override public boolean shouldNotify() { return vq.shouldNotify(); }
        @Override public void setNotification(boolean enabled) { vq.setNotification(enabled); }
        @Override public boolean hasAvailable() { return vq.hasAvailable(); }
        @Override public Optional<String> brokenReason() { return vq.brokenReason(); }
        @Override public void breakWith(String reason) { vq.breakWith(reason); }
        @Override public Statistics statistics() { return vq.statistics(); }
    }

    // ---- block layer ----

    /** Dispatches at once to queue cpu mod queues, ignoring depth; drops what the driver refuses. */
    public static final class HastyProvider implements BlockLayerProvider {
        @Override public String name() { return "hasty"; }
        @Override public String description() { return "wrong on purpose"; }

        @Override
        public BlockLayer create(BlockLayerSetup setup) {
            BlockDriver driver = setup.driver();
            BlockLayer layer = new BlockLayer() {
                @Override
                public void submit(ExecutionContext context, BlockRequest request) {
                    driver.queueRequest(context, request.cpu() % driver.hardwareQueues(), request, true);
                }

                @Override
                public void complete(ExecutionContext context, BlockRequest request, Status status) {
                    request.complete(context, status, 0);
                }

                @Override public void restart(ExecutionContext context, int queue) { }
                @Override public long capacitySectors() { return driver.capacitySectors(); }
                @Override public Statistics statistics() { return Statistics.zeros(CounterSet.of()); }
            };
            driver.bind(layer);
            return layer;
        }
    }

    /** Holds requests in pairs and dispatches each pair newest first. */
    public static final class ReversingProvider implements BlockLayerProvider {
        @Override public String name() { return "reversing"; }
        @Override public String description() { return "wrong on purpose"; }

        @Override
        public BlockLayer create(BlockLayerSetup setup) {
            BlockDriver driver = setup.driver();
            BlockLayer layer = new BlockLayer() {
                BlockRequest held;

                @Override
                public void submit(ExecutionContext context, BlockRequest request) {
                    if (held == null) {
                        held = request;
                        return;
                    }
                    driver.queueRequest(context, 0, request, false);
                    driver.queueRequest(context, 0, held, true);
                    held = null;
                }

                @Override
                public void complete(ExecutionContext context, BlockRequest request, Status status) {
                    request.complete(context, status, 0);
                }

                @Override public void restart(ExecutionContext context, int queue) { }
                @Override public long capacitySectors() { return driver.capacitySectors(); }
                @Override public Statistics statistics() { return Statistics.zeros(CounterSet.of()); }
            };
            driver.bind(layer);
            return layer;
        }
    }

    private static ProviderRegistry registry(Provider... providers) {
        return ProviderRegistry.load(kind -> {
            List<Provider> of = new ArrayList<>();
            for (Provider p : providers) {
                if (kind.type().isInstance(p)) {
                    of.add(p);
                }
            }
            Iterator<Provider> it = of.iterator();
            return kind == ProviderKind.DATA_PLANE ? Collections.emptyIterator() : it;
        });
    }

    @Example
    void aBlockLayerThatIgnoresDepthAndDropsRefusedRequestsIsCaught() {
        ProviderRegistry r = registry(new HastyProvider());
        BlockLayerBench deep = BlockLayerBench.open(r, new BlockLayerBench.Shape("hasty", Map.of(), Role.GUEST, 1, 1, 1, 0),
                false);
        deep.submit(0, IoOp.write(0, 1));
        deep.submit(0, IoOp.write(8, 1));
        assertThatThrownBy(deep::checkInvariant).hasMessageContaining("already holds its depth of 1");

        BlockLayerBench dropping = BlockLayerBench.open(r, new BlockLayerBench.Shape("hasty", Map.of(), Role.GUEST, 1, 1, 4,
                0), false);
        dropping.answerNext(0, DispatchResult.RESOURCE_BUSY);
        dropping.submit(0, IoOp.read(0, 1));
        assertThatThrownBy(dropping::drainAndCheck).hasMessageContaining("#0.0 (READ) never completed");
    }

    @Example
    void aBlockLayerThatReversesRequestsIsCaught() {
        BlockLayerBench b = BlockLayerBench.open(registry(new ReversingProvider()),
                new BlockLayerBench.Shape("reversing", Map.of(), Role.HOST, 1, 1, 8, 0), false);
        b.submit(0, IoOp.write(0, 1));
        b.submit(0, IoOp.write(8, 1));
        assertThatThrownBy(b::checkInvariant).hasMessageContaining("hardware queue 0 got #0.0 after #0.1");
    }

    // ---- device ----

    /** A one-queue device that completes inside queueRequest, or answers busy while empty. */
    public static final class HastyDeviceProvider implements StorageDeviceProvider {
        @Override public String name() { return "hasty-device"; }
        @Override public String description() { return "wrong on purpose"; }

        @Override
        public List<org.mqvio.api.spi.ParameterSpec> parameters() {
            return List.of(org.mqvio.api.spi.ParameterSpec.ofBoolean("hasty.busy", false, "answer busy when empty"));
        }

        @Override
        public StorageDevice create(DeviceSetup setup) {
            boolean busy = setup.parameters().getBoolean("hasty.busy");
            return new StorageDevice() {
                BlockLayer layer;

                @Override public void bind(BlockLayer blockLayer) { layer = blockLayer; }
                @Override public int hardwareQueues() { return 1; }
                @Override public int queueDepth(int queue) { return 4; }
                @Override public long capacitySectors() { return 1 << 20; }
                @Override public void commit(ExecutionContext context, int queue) { }
                @Override public String serial() { return "HASTY"; }
                @Override public Statistics statistics() { return Statistics.zeros(CounterSet.of()); }

                @Override
                public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
                    if (busy) {
                        return DispatchResult.DEVICE_BUSY;
                    }
                    layer.complete(context, request, Status.OK);
                    return DispatchResult.OK;
                }
            };
        }
    }

    @Example
    void aDeviceThatCompletesInsideQueueRequestIsCaught() {
        DeviceBench b = DeviceBench.open(registry(new HastyDeviceProvider()),
                new DeviceBench.Shape("hasty-device", Map.of(), 1, 0));
        b.queue(0, IoOp.write(0, 1), true);
        assertThatThrownBy(b::checkInvariant).hasMessageContaining("completed inside queueRequest");
    }

    @Example
    void aDeviceThatIsBusyWhileEmptyIsCaught() {
        DeviceBench b = DeviceBench.open(registry(new HastyDeviceProvider()),
                new DeviceBench.Shape("hasty-device", Map.of("hasty.busy", "true"), 1, 0));
        b.queue(0, IoOp.write(0, 1), true);
        assertThatThrownBy(b::drainAndCheck).hasMessageContaining("never restarted the queue");
    }
}
