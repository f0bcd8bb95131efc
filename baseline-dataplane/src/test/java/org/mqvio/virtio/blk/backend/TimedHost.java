package org.mqvio.virtio.blk.backend;

import java.util.Arrays;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.Platform;

/**
 * A host block layer that completes every request OK on the platform's device-time thread a little later, a
 * read with data that says which sector it came from ({@link #pattern}): host completions then reach the
 * IoThread from another thread, as they do live.
 */
final class TimedHost {
    private static final long DELAY_NS = 20_000;

    private TimedHost() {
    }

    /** The byte every byte of a read of {@code sector} holds. */
    static byte pattern(long sector) {
        return (byte) (sector * 31 + 7);
    }

    /** The host, on {@code platform}'s timers. */
    static BlockLayer on(Platform platform) {
        return new BackEndRig.Host(request -> platform.schedule(DELAY_NS, () -> {
            if (request.operation() == Operation.READ) {
                byte[] data = new byte[request.length()];
                Arrays.fill(data, pattern(request.sector()));
                request.setData(data);
            }
            request.complete(null, Status.OK, platform.nanoTime());
        }));
    }
}
