package org.mqvio.example.lossy;

import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;

/** A data plane whose guest driver passes every call on, except that it loses every N-th completion. */
final class LossyDataPlane implements DataPlane {
    private final DataPlane inner;
    private final LossyDriver driver;

    LossyDataPlane(DataPlane inner, int dropOneIn) {
        this.inner = inner;
        this.driver = new LossyDriver(inner.guestDriver(), dropOneIn);
    }

    @Override
    public BlockDriver guestDriver() {
        return driver;
    }

    @Override
    public List<ExecutionContext> hostSubmitters() {
        return inner.hostSubmitters();
    }

    @Override
    public void connect(BlockLayer hostBlockLayer) {
        inner.connect(hostBlockLayer);
    }

    @Override
    public List<? extends Virtqueue<?>> virtqueues() {
        return inner.virtqueues();
    }

    @Override
    public List<? extends IoThread> ioThreads() {
        return inner.ioThreads();
    }

    @Override
    public Map<String, Long> statistics() {
        return inner.statistics();
    }

    /** The guest driver: binds the real one to a layer that forwards every completion but the N-th. */
    private static final class LossyDriver implements BlockDriver {
        private final BlockDriver driver;
        private final int dropOneIn;
        private long completions;

        LossyDriver(BlockDriver driver, int dropOneIn) {
            this.driver = driver;
            this.dropOneIn = dropOneIn;
        }

        @Override
        public void bind(BlockLayer blockLayer) {
            driver.bind(new BlockLayer() {
                @Override
                public void submit(ExecutionContext context, BlockRequest request) {
                    blockLayer.submit(context, request);
                }

                @Override
                public void complete(ExecutionContext context, BlockRequest request, Status status) {
                    if (++completions % dropOneIn == 0) {
                        return;
                    }
                    blockLayer.complete(context, request, status);
                }

                @Override
                public void restart(ExecutionContext context, int queue) {
                    blockLayer.restart(context, queue);
                }

                @Override
                public long capacitySectors() {
                    return blockLayer.capacitySectors();
                }

                @Override
                public Map<String, Long> statistics() {
                    return blockLayer.statistics();
                }
            });
        }

        @Override
        public int hardwareQueues() {
            return driver.hardwareQueues();
        }

        @Override
        public boolean honoursFua() {
            return driver.honoursFua();
        }

        @Override
        public int queueDepth(int queue) {
            return driver.queueDepth(queue);
        }

        @Override
        public long capacitySectors() {
            return driver.capacitySectors();
        }

        @Override
        public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
            return driver.queueRequest(context, queue, request, last);
        }

        @Override
        public void commit(ExecutionContext context, int queue) {
            driver.commit(context, queue);
        }
    }
}
