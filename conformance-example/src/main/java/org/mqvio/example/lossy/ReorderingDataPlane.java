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

    /**
     * One hold of a flush. A release names the hold, not the request: the flush may complete meanwhile (released by the
     * next request) and its IoThread reuse the same request for a later flush, which the old release must not let go.
     */
    private record Hold(BlockRequest flush) {
    }

    /** The host block layer as the IoThreads see it. */
    private final class FlushHolder implements BlockLayer {
        private final BlockLayer host;
        private final Map<ExecutionContext, Hold> held = new HashMap<>();

        FlushHolder(BlockLayer host) {
            this.host = host;
        }

        @Override
        public void submit(ExecutionContext context, BlockRequest request) {
            Hold hold = held.remove(context);
            if (hold == null && request.operation() == Operation.FLUSH) {
                Hold mine = new Hold(request);
                held.put(context, mine);
                platform.schedule(HOLD_NS, () -> context.post(0, () -> release(context, mine)));
                return;
            }
            host.submit(context, request);
            if (hold != null) {
                host.submit(context, hold.flush());
            }
        }

        private void release(ExecutionContext context, Hold hold) {
            // the same hold, not an equal one
            if (held.get(context) == hold) {
                held.remove(context);
                host.submit(context, hold.flush());
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
