package org.mqvio.harness.sweep;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * The progress of a batch of points on a terminal: points done, elapsed and estimated time left, redrawn on
 * one line of the error stream. Silent when the output is not a terminal (a file, a pipe, a batch system).
 */
public final class Progress {
    private final int total;
    private final PrintWriter err;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private int done;

    public Progress(int total, PrintWriter err, boolean enabled) {
        this.total = total;
        this.err = err;
        this.enabled = enabled;
    }

    /** Whether this JVM's console is an interactive terminal. */
    public static boolean onTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** One more point finished. */
    public void pointDone() {
        done++;
        if (!enabled) {
            return;
        }
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000L;
        long left = done == 0 ? 0 : Math.round((double) elapsed / done * (total - done));
        err.printf(Locale.ROOT, "\r[%d/%d] %3d%%  elapsed %s  left ~%s ", done, total, 100 * done / Math.max(1, total),
                clock(elapsed), clock(left));
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    public int done() {
        return done;
    }
}
