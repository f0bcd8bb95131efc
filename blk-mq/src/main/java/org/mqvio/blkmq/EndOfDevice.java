package org.mqvio.blkmq;

import org.mqvio.api.BlockRequest;

/**
 * The end-of-device check a block layer makes before it queues anything (Linux's {@code bio_check_eod} in
 * {@code generic_make_request_checks}): a request that addresses sectors past the device's capacity fails with
 * an I/O error at once. It never enters a queue, so it can never be merged with a request that lies inside the
 * device and take that request down with it.
 */
final class EndOfDevice {
    private EndOfDevice() {
    }

    /** Whether {@code request} reaches past a device of {@code capacitySectors}. */
    static boolean beyond(BlockRequest request, long capacitySectors) {
        return request.operation().addressesSectors()
                && (request.sector() < 0 || request.sector() + request.sectors() > capacitySectors);
    }
}
