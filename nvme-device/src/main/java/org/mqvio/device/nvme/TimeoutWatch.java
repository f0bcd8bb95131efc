package org.mqvio.device.nvme;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.Timer;

/**
 * The host's command timeout for one I/O queue (Linux's per-request deadline, {@code nvme io_timeout}):
 * commands are watched in the order they were placed, so their deadlines are in order too, and one timer
 * at the earliest deadline stands for all of them. When it fires, {@code due} runs (the driver then calls
 * {@link #expire} under the queue's lock from a context). Commands that complete are dropped lazily, from
 * the front, at every reap ({@link #prune}).
 */
final class TimeoutWatch {
    private final Platform platform;
    private final long timeoutNs;
    private final Runnable due;
    private final ArrayDeque<InFlight> watched = new ArrayDeque<>();
    /** At the earliest deadline watched, made once and re-armed. */
    private final Timer timer;
    private long armedAt = Long.MAX_VALUE;

    TimeoutWatch(Platform platform, long timeoutNs, Runnable due) {
        if (timeoutNs <= 0) {
            throw new IllegalArgumentException("timeout must be > 0 ns, was " + timeoutNs);
        }
        this.platform = platform;
        this.timeoutNs = timeoutNs;
        this.due = due;
        this.timer = platform.newTimer(this::deadlinePassed);
    }

    /** {@code f} was placed now: its deadline is one timeout away. */
    void started(InFlight f) {
        f.deadlineNs = platform.nanoTime() + timeoutNs;
        watched.add(f);
        arm(f.deadlineNs);
    }

    /** Marks and returns the live commands whose deadline has passed; re-arms for the next deadline. */
    List<InFlight> expire(CommandIds ids) {
        long now = platform.nanoTime();
        List<InFlight> expired = new ArrayList<>();
        while (!watched.isEmpty()) {
            InFlight f = watched.peek();
            if (!live(f, ids)) {
                watched.poll();
                continue;
            }
            if (f.deadlineNs > now) {
                break;
            }
            watched.poll();
            f.timedOut = true;
            expired.add(f);
        }
        if (!watched.isEmpty()) {
            arm(watched.peek().deadlineNs);
        }
        return expired;
    }

    /** Drops completed commands from the front. */
    void prune(CommandIds ids) {
        while (!watched.isEmpty() && !live(watched.peek(), ids)) {
            watched.poll();
        }
    }

    private static boolean live(InFlight f, CommandIds ids) {
        return !f.timedOut && ids.get(f.cid) == f;
    }

    private void arm(long deadlineNs) {
        if (timer.isArmed() && armedAt <= deadlineNs) {
            return;
        }
        armedAt = deadlineNs;
        timer.arm(Math.max(0, deadlineNs - platform.nanoTime()));
    }

    private void deadlinePassed() {
        armedAt = Long.MAX_VALUE;
        due.run();
    }
}
