package org.mqvio.harness.conformance;

/**
 * Ids of scripted requests: job {@code j}'s {@code i}-th I/O is {@code (j << 32) | i}, printed {@code #j.i}.
 */
public final class RequestIds {
    private RequestIds() {
    }

    /** The id of job {@code job}'s I/O number {@code index}. */
    public static long of(int job, int index) {
        return ((long) job << 32) | (index & 0xFFFFFFFFL);
    }

    /** The job of {@code id}. */
    public static int job(long id) {
        return (int) (id >>> 32);
    }

    /** The index of {@code id} in its job's script. */
    public static int index(long id) {
        return (int) id;
    }

    /** {@code #job.index}. */
    public static String label(long id) {
        return "#" + job(id) + "." + index(id);
    }
}
