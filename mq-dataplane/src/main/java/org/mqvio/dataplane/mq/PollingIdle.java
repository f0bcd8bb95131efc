package org.mqvio.dataplane.mq;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.backend.IoThreadIdle;
import org.mqvio.virtio.blk.backend.VirtioBlkIoThread;

/**
 * One IoThread that polls its rings before it sleeps, as QEMU's event loop does with {@code poll-max-ns}:
 * out of work, it disables kicks on every queue it serves, arms their {@link PollDoorbell}s and polls for
 * its {@link AdaptivePollWindow}'s window. Work found meanwhile (a doorbell, a host completion) starts a pass
 * that leaves kicks disabled. When the window ends with nothing found, it re-enables kicks, checks the rings
 * once more and sleeps. Polling always (SPDK-style) has no window: kicks stay disabled for good.
 *
 * <p>Runs on the IoThread's context only; the doorbells' armed flags are the one thing guest vCPUs read.
 */
final class PollingIdle implements IoThreadIdle {
    private final VirtioBlkIoThread thread;
    private final ExecutionContext context;
    private final Platform platform;
    private final AdaptivePollWindow window;
    /** The thread's queues in the order it serves them, and the doorbell of each. */
    private final List<Virtqueue<?>> queues = new ArrayList<>();
    private final List<PollDoorbell> doorbells = new ArrayList<>();
    private boolean polling;
    private long idleSince = -1;
    /** Counts passes, so that the end of a window that a pass interrupted is ignored. */
    private int epoch;
    private long timeouts;

    PollingIdle(VirtioBlkIoThread thread, Platform platform, PollOptions options) {
        this.thread = thread;
        this.context = thread.context();
        this.platform = platform;
        this.window = new AdaptivePollWindow(options);
    }

    /** The thread serves {@code vq} too; {@code doorbell} tells it of chains published there while it polls. */
    void serve(Virtqueue<?> vq, PollDoorbell doorbell) {
        queues.add(vq);
        doorbells.add(doorbell);
    }

    @Override
    public void start() {
        enter();
        if (window.windowNs() == Long.MAX_VALUE) {
            context.post(0, () -> { });
        }
    }

    @Override
    public void leave() {
        if (idleSince >= 0) {
            window.afterBlock(platform.nanoTime() - idleSince);
            idleSince = -1;
        }
        epoch++;
    }

    /** Out of work: poll for the window with kicks off, or sleep with kicks on. */
    @Override
    public void enter() {
        idleSince = platform.nanoTime();
        long windowNs = window.windowNs();
        if (windowNs == 0) {
            context.setPollWindow(0);
            return;
        }
        setPolling(true);
        context.setPollWindow(Long.MAX_VALUE);
        if (windowNs != Long.MAX_VALUE) {
            int pass = epoch;
            platform.schedule(windowNs, () -> context.post(0, () -> windowEnded(pass)));
        }
    }

    @Override
    public boolean polling() {
        return polling;
    }

    @Override
    public Statistics statistics() {
        return Statistics.builder(COUNTERS)
                .put(POLL_WINDOW_NS, window.windowNs() == Long.MAX_VALUE ? -1 : window.windowNs())
                .put(POLL_GROWN, window.grown())
                .put(POLL_SHRUNK, window.shrunk())
                .put(POLL_TIMEOUTS, timeouts)
                .put(POLL_DOORBELLS, doorbells.stream().mapToLong(PollDoorbell::rings).sum())
                .build();
    }

    private void windowEnded(int pass) {
        if (pass != epoch) {
            return;
        }
        timeouts++;
        setPolling(false);
        context.setPollWindow(0);
        if (thread.hasAvailable()) {
            thread.doWork();
        }
    }

    private void setPolling(boolean on) {
        polling = on;
        for (int i = 0; i < queues.size(); i++) {
            queues.get(i).setNotification(!on);
            doorbells.get(i).arm(on);
        }
    }
}
