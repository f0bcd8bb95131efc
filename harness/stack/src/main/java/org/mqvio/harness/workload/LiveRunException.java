package org.mqvio.harness.workload;

/**
 * A live run failed: a thread of the live runtime threw (the {@link #getCause() cause} is that exception,
 * unchanged), or a thread did not stop when the run ended (no cause; the message names the threads).
 */
public final class LiveRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LiveRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
