package org.mqvio.example.lossy;

import java.util.HashMap;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.dataplane.ForwardingDataPlane;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.stats.Statistics;

/**
 * A data plane whose IoThreads submit to the host through a layer that holds a flush back until the same
 * IoThread's next request, submits that one first, then the flush; a flush with nothing behind it goes on
 * after {@link #HOLD_NS}.
 */
final class ReorderingDataPlane extends ForwardingDataPlane {
    static final long HOLD_NS = 50_000;

    private final Platform platform;

    ReorderingDataPlane(DataPlane inner, Platform platform) {
        super(inner);
        this.platform = platform;
    }

    @Override
    public void connect(BlockLayer hostBlockLayer) {
        delegate().connect(new FlushHolder(hostBlockLayer));
    }

    /** The host block layer as the IoThreads see it. */
    private final class FlushHolder implements BlockLayer {
        private final BlockLayer host;
        private final Map<ExecutionContext, BlockRequest> held = new HashMap<>();

        FlushHolder(BlockLayer host) {
            this.host = host;
        }

        @Override
        public void submit(ExecutionContext context, BlockRequest request) {
            BlockRequest flush = held.remove(context);
            if (flush == null && request.operation() == Operation.FLUSH) {
                held.put(context, request);
                platform.schedule(HOLD_NS, () -> context.post(0, () -> release(context, request)));
                return;
            }
            host.submit(context, request);
            if (flush != null) {
                host.submit(context, flush);
            }
        }

        private void release(ExecutionContext context, BlockRequest flush) {
            if (held.get(context) == flush) {
                held.remove(context);
                host.submit(context, flush);
            }
        }

        @Override
        public void complete(ExecutionContext context, BlockRequest request, Status status) {
            host.complete(context, request, status);
        }

        @Override
        public void restart(ExecutionContext context, int queue) {
            host.restart(context, queue);
        }

        @Override
        public long capacitySectors() {
            return host.capacitySectors();
        }

        @Override
        public Statistics statistics() {
            return host.statistics();
        }
    }
}
