package org.mqvio.api.virtio;

/**
 * A buffer the device has returned, as the driver side collects it ({@link Virtqueue#getUsed}): the token the
 * driver added the chain with, and the {@code len} of its used ring element. The object belongs to the driver
 * code that passes it to {@code getUsed}, which refills it each time, so collecting allocates nothing; what it
 * holds is valid until the next {@code getUsed} into the same object. Not thread-safe: one owner at a time.
 *
 * @param <T> the driver's token type
 */
public final class UsedBuffer<T> {
    private T token;
    private int written;

    /** The token the driver added the chain with; null before the first {@code getUsed} that found one. */
    public T token() {
        return token;
    }

    /** Bytes the device wrote into the chain's writable buffers. */
    public int written() {
        return written;
    }

    /** Fills the object: only a virtqueue implementation calls this. */
    public void set(T token, int written) {
        this.token = token;
        this.written = written;
    }

    @Override
    public String toString() {
        return "UsedBuffer[token=" + token + ", written=" + written + "]";
    }
}
