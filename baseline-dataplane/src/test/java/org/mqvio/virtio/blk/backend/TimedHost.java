package org.mqvio.virtio.blk.backend;

import java.util.Arrays;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;

/**
 * A host block layer that completes every request OK on the platform's device-time thread a little later, a
 * read with data that says which sector it came from ({@link #pattern}): host completions then reach the
 * IoThread from another thread, as they do live.
 */
final class TimedHost implements BlockLayer {
    /** 2 TiB: room for any request, so only the back-end's own checks refuse one. */
    static final long CAPACITY_SECTORS = 1L << 32;
    private static final long DELAY_NS = 20_000;

    private final Platform platform;

    TimedHost(Platform platform) {
        this.platform = platform;
    }

    /** The byte every byte of a read of {@code sector} holds. */
    static byte pattern(long sector) {
        return (byte) (sector * 31 + 7);
    }

    @Override
    public void submit(ExecutionContext context, BlockRequest request) {
        platform.schedule(DELAY_NS, () -> {
            if (request.operation() == Operation.READ) {
                byte[] data = new byte[request.length()];
                Arrays.fill(data, pattern(request.sector()));
                request.setData(data);
            }
            request.complete(null, Status.OK, platform.nanoTime());
        });
    }

    @Override
    public void complete(ExecutionContext context, BlockRequest request, Status status) {
        request.complete(context, status, platform.nanoTime());
    }

    @Override
    public void restart(ExecutionContext context, int queue) {
    }

    @Override
    public long capacitySectors() {
        return CAPACITY_SECTORS;
    }

    @Override
    public Statistics statistics() {
        return Statistics.zeros(CounterSet.of(BlockLayer.SUBMITTED));
    }
}
