package org.mqvio.blkmq;

import org.mqvio.api.BlockRequest;

/**
 * Whether and how far adjacent requests merge: {@code nomerges} turns merging off; a merged request never
 * grows past {@code max_sectors_kb}. Only reads and writes with the same FUA flag merge, at either end.
 *
 * @param enabled  whether merging is on
 * @param maxBytes the largest merged request, in bytes
 */
record Merging(boolean enabled, int maxBytes) {
    /** Linux's long-standing default {@code max_sectors_kb}. */
    static final int DEFAULT_MAX_KB = 512;
    /** The largest request the virtio-blk front-end accepts (its data window), so the bound for every driver. */
    static final int MAX_KB = 1024;
    /** How many requests, newest first, a software queue or FIFO looks at for a merge (Linux checks 8). */
    static final int LOOKBACK = 8;

    Merging {
        if (maxBytes < BlockRequest.SECTOR_SIZE) {
            throw new IllegalArgumentException("merge limit must be at least one sector, was " + maxBytes + " bytes");
        }
    }

    /** Merges {@code bio} into {@code into} if merging is on and they fit; returns how. */
    LayerRequest.MergeKind tryMerge(LayerRequest into, BlockRequest bio) {
        return enabled ? into.tryMerge(bio, maxBytes) : LayerRequest.MergeKind.NONE;
    }
}
