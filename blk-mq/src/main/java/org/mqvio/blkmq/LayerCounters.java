package org.mqvio.blkmq;

import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Unit;

/**
 * The counters blk-mq and the single-queue block layer both report, beside
 * {@link org.mqvio.api.block.BlockLayer}'s.
 */
final class LayerCounters {
    static final Counter BEYOND_END = Counter.declare("beyond_end", Unit.EVENTS,
            "requests failed because they reach past the device's end");
    static final Counter MERGED = Counter.declare("merged", Unit.EVENTS, "requests merged into a queued one");
    static final Counter BUSY_DEVICE = Counter.declare("busy_device", Unit.EVENTS, "busy answers from the driver");
    static final Counter BUSY_RESOURCE = Counter.declare("busy_resource", Unit.EVENTS,
            "dispatches that found no driver resource free");
    static final Counter REQUEUED = Counter.declare("requeued", Unit.EVENTS, "requests put back after a busy answer");
    static final Counter TAG_WAITS = Counter.declare("tag_waits", Unit.EVENTS, "times a request waited for a free tag");
    static final Counter IN_FLIGHT = Counter.declare("in_flight", Unit.ITEMS, "requests dispatched and not completed");
    static final Counter TAGS_IN_USE = Counter.declare("tags_in_use", Unit.ITEMS, "tags held");
    static final Counter MAX_DEPTH = Counter.declare("max_depth", Unit.ITEMS, "the most requests in flight at once");

    private LayerCounters() {
    }
}
