package org.mqvio.harness.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mqvio.harness.workload.RunControl;

/**
 * SIGINT or SIGTERM while a command runs. The JVM answers both by running its shutdown hooks (the portable way to
 * hear them; {@code sun.misc.Signal} is not a supported API); this hook asks the command's runs to stop through
 * their {@link RunControl}, waits for the command to write what it has (a run's report over the I/O completed, as
 * fio prints its statistics when interrupted; a sweep's finished points are already in its files), then halts with
 * {@link #INTERRUPTED}. A command that does not look at the control ({@link #control} not asked) is halted at once.
 * After the command has finished, the hook does nothing and the exit is the command's own.
 */
final class SignalStop {
    /** The exit status of a command stopped by a signal: the shell's 128 + SIGINT's number. */
    static final int INTERRUPTED = 130;

    /** How long the hook waits for an interrupted command to write its results. */
    static final long WAIT_SECONDS = 20;

    private final RunControl control = new RunControl();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean controlTaken;

    /** A stop for a command run in this process without a hook (tests). */
    SignalStop() {
    }

    /** Installs the hook for this process's command. */
    static SignalStop installed() {
        SignalStop stop = new SignalStop();
        Runtime.getRuntime().addShutdownHook(new Thread(stop::onShutdown, "mqvio-signal"));
        return stop;
    }

    /** The control a command's runs stop by; a command that asks for it promises to finish soon after a stop. */
    RunControl control() {
        controlTaken = true;
        return control;
    }

    /** The command has finished (written everything): a waiting hook may halt now. */
    void finished() {
        finished.countDown();
    }

    private void onShutdown() {
        if (finished.getCount() == 0) {
            return;
        }
        control.requestStop();
        if (controlTaken) {
            try {
                if (!finished.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println("mqvio: interrupted; the command did not stop within " + WAIT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(INTERRUPTED);
    }
}
