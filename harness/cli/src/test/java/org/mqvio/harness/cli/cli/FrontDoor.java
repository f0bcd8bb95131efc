package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The command line run in-process on its own thread with a time bound, and what every outcome must be: finished in
 * time, exit 0 or 2 (1 only for failed I/O, an unwritable standard output or an internal error, and its line says
 * which), at most one line on the standard error and never a stack trace.
 */
final class FrontDoor {
    private FrontDoor() {
    }

    record Outcome(String[] args, int code, String out, String err, long millis) {
        @Override
        public String toString() {
            return "mqvio " + String.join(" ", args) + " -> exit " + code + " in " + millis + " ms, stderr: " + err;
        }
    }

    /** Runs {@code args} and checks the outcome is well formed. */
    static Outcome run(Duration bound, String... args) {
        return run(bound, new StringWriter(), args);
    }

    /** Runs {@code args} with a standard output on which every write fails, as on a full device. */
    static Outcome runToFullDevice(Duration bound, String... args) {
        return run(bound, new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void flush() throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void close() {
            }
        }, args);
    }

    private static Outcome run(Duration bound, Writer outSink, String... args) {
        StringWriter err = new StringWriter();
        FutureTask<Integer> task = new FutureTask<>(() -> Main.execute(args, new PrintWriter(outSink), new PrintWriter(err)));
        Thread t = new Thread(task, "mqvio " + String.join(" ", args));
        t.setDaemon(true);
        long start = System.nanoTime();
        t.start();
        int code;
        try {
            code = task.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new AssertionError("hang: mqvio " + String.join(" ", args) + " did not finish within " + bound);
        } catch (ExecutionException e) {
            throw new AssertionError("mqvio " + String.join(" ", args) + " threw out of Main.execute", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Outcome o = new Outcome(Arrays.copyOf(args, args.length), code,
                outSink instanceof StringWriter s ? s.toString() : "", err.toString(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(o.err().lines().count()).as("at most one line on stderr: %s", o).isLessThanOrEqualTo(1);
        assertThat(o.err()).as("no stack trace: %s", o).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(o.code()).as("exit 0, 1 or 2: %s", o).isBetween(0, 2);
        if (o.code() == 1) {
            assertThat(o.err()).as("exit 1 says why: %s", o).containsAnyOf("internal error", "I/Os failed",
                    "standard output could not be written");
        } else if (o.code() == Main.BAD_INPUT) {
            assertThat(o.err()).as("bad input is one line saying what is allowed: %s", o).startsWith("mqvio: ");
        }
        return o;
    }
}
