package org.mqvio.dataplane.mq;

/**
 * The poll window of one IoThread, adjusted after every block as QEMU's event loop does: a block that ended
 * within the window needs no change; one that outlasted the ceiling shrinks the window (polling was wasted);
 * one that ended between the window and the ceiling grows it (a longer poll would have caught the work
 * without a wake-up).
 */
final class AdaptivePollWindow {
    private final PollOptions options;
    private long windowNs;
    private long grown;
    private long shrunk;

    AdaptivePollWindow(PollOptions options) {
        this.options = options;
        this.windowNs = options.mode() == PollOptions.Mode.ADAPTIVE ? options.initialNs() : 0;
    }

    /** The window to poll for now, in ns; {@link Long#MAX_VALUE} when polling always. */
    long windowNs() {
        return options.mode() == PollOptions.Mode.ALWAYS ? Long.MAX_VALUE : windowNs;
    }

    /** Adjusts the window after a block (time from going idle to having work again) of {@code blockNs}. */
    void afterBlock(long blockNs) {
        if (options.mode() != PollOptions.Mode.ADAPTIVE || blockNs <= windowNs) {
            return;
        }
        if (blockNs > options.maxNs()) {
            windowNs = options.shrink() == 0 ? 0 : windowNs / options.shrink();
            shrunk++;
        } else if (windowNs < options.maxNs()) {
            windowNs = windowNs == 0 ? options.initialNs() : Math.min(options.maxNs(), windowNs * options.grow());
            grown++;
        }
    }

    long grown() {
        return grown;
    }

    long shrunk() {
        return shrunk;
    }
}
