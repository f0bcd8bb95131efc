package org.mqvio.blkmq;

import java.util.concurrent.atomic.LongAdder;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * The end-of-device check a block layer makes before it queues anything (Linux's {@code bio_check_eod} in
 * {@code generic_make_request_checks}): a request that addresses sectors past the device's capacity fails with
 * an I/O error at once. It never enters a queue, so it can never be merged with a request that lies inside the
 * device and take that request down with it. Counted from any submitting CPU.
 */
final class EndOfDevice {
    private final BlockDriver driver;
    private final Platform platform;
    private final LongAdder failed = new LongAdder();

    EndOfDevice(BlockDriver driver, Platform platform) {
        this.driver = driver;
        this.platform = platform;
    }

    /**
     * Fails {@code request} (in a continuation of the running item on {@code context}) if it reaches past the
     * device's end; returns whether it did.
     */
    boolean failed(ExecutionContext context, BlockRequest request) {
        long capacity = driver.capacitySectors();
        if (!request.operation().addressesSectors()
                || (request.sector() >= 0 && request.sector() + request.sectors() <= capacity)) {
            return false;
        }
        failed.increment();
        context.andThen(0, () -> request.complete(context, Status.IO_ERROR, platform.nanoTime()));
        return true;
    }

    /** Requests failed so far. */
    long count() {
        return failed.sum();
    }
}
