package org.mqvio.harness.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.mqvio.harness.workload.RunControl;

/**
 * Progress on a terminal: the share done, elapsed and estimated time left, redrawn on one line of the error stream
 * ({@code \r} frames). Drawn only when the error stream is a terminal ({@link #onTerminal}) and only for work expected
 * to take more than {@link #WORTH_NS} (estimated from the share done so far), so a file, a pipe or a batch system's
 * log never holds a frame and short work prints nothing. The line is erased when the work ends.
 *
 * <p>Two kinds of work: a batch of points ({@link #pointDone} after each), and a run, whose share comes from its
 * {@link RunControl} and is redrawn by a ticker thread every {@link #TICK_MS} until {@link #close}.
 */
public final class Progress implements AutoCloseable {
    /** Work expected to take longer than this shows progress. */
    static final long WORTH_NS = 2_000_000_000L;
    /** Nothing is drawn in the first second. */
    static final long FIRST_NS = 1_000_000_000L;
    /** A run's line is redrawn this often. */
    static final long TICK_MS = 500;

    private final int total;
    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final DoubleSupplier share;
    private final long startNanos;
    private final Thread ticker;
    private int done;
    private int drawnWidth;

    /** The progress of {@code total} points, drawn on {@code err} when {@code enabled} (see {@link #onTerminal}). */
    public Progress(int total, PrintWriter err, boolean enabled) {
        this(total, err, enabled, System::nanoTime, null);
    }

    Progress(int total, PrintWriter err, boolean enabled, LongSupplier clock, DoubleSupplier share) {
        this.total = total;
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
        this.share = share != null ? share : () -> total == 0 ? 1 : (double) done() / total;
        this.startNanos = clock.getAsLong();
        if (enabled && share != null) {
            ticker = new Thread(this::tick, "mqvio-progress");
            ticker.setDaemon(true);
            ticker.start();
        } else {
            ticker = null;
        }
    }

    /** The progress of a run (a plan's batches), read from {@code control}; {@link #close} it when the run ends. */
    public static Progress ofRun(RunControl control, PrintWriter err, boolean enabled) {
        return new Progress(0, err, enabled, System::nanoTime, control::fractionDone);
    }

    /**
     * Whether this process's standard error is a terminal. Java cannot ask {@code isatty(2)}, and
     * {@code System.console()} describes the standard input and output, not the error stream: on Linux the error
     * stream's descriptor names its terminal device. Anywhere else, no progress is drawn.
     */
    public static boolean onTerminal() {
        try {
            return isTerminal(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Whether a descriptor whose link reads {@code target} is a terminal: a pseudo-terminal or a tty device. */
    static boolean isTerminal(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    }

    /**
     * Whether work {@code share} done after {@code elapsedNs} is worth a line: expected to take more than 2 s, and
     * under way for {@link #FIRST_NS} (before that the estimate is mostly start-up).
     */
    static boolean worthDrawing(long elapsedNs, double share) {
        if (elapsedNs < FIRST_NS) {
            return false;
        }
        if (share <= 0) {
            return elapsedNs > WORTH_NS;
        }
        return elapsedNs / share > WORTH_NS;
    }

    /** One more point finished. */
    public synchronized void pointDone() {
        done++;
        draw();
        if (done == total) {
            erase();
        }
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(TICK_MS);
                synchronized (this) {
                    draw();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        if (!enabled) {
            return;
        }
        long elapsed = clock.getAsLong() - startNanos;
        double f = share.getAsDouble();
        if (!worthDrawing(elapsed, f)) {
            return;
        }
        String line = line(elapsed, f);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = Math.max(drawnWidth, line.length());
    }

    /** The frame's text: points done (for a batch of points), share, elapsed and time left. */
    String line(long elapsedNs, double f) {
        long elapsed = elapsedNs / 1_000_000_000L;
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "[%d/%d] ", done, total));
        }
        if (f < 0) {
            return sb.append(String.format(Locale.ROOT, "elapsed %s", clock(elapsed))).toString();
        }
        long left = f == 0 ? 0 : Math.round(elapsedNs / f * (1 - f) / 1e9);
        return sb.append(String.format(Locale.ROOT, "%3d%%  elapsed %s  left ~%s", (int) (100 * f), clock(elapsed),
                f == 0 ? "?" : clock(left))).toString();
    }

    private void erase() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** Stops a run's ticker and erases the line. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join(TICK_MS * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            erase();
        }
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    public synchronized int done() {
        return done;
    }
}
