package org.mqvio.api.virtio;

/**
 * A buffer the device has returned, as the driver side sees it.
 *
 * @param token   the token the driver added it with
 * @param written bytes the device wrote into the chain's writable buffers
 */
public record UsedBuffer<T>(T token, int written) {
}
