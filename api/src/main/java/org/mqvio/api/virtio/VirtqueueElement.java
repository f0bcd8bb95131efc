package org.mqvio.api.virtio;

import java.util.List;

/**
 * A descriptor chain popped by the device side of a {@link Virtqueue}: the head index to push back, the
 * device-readable buffers and the device-writable buffers, in chain order.
 *
 * @param head     descriptor index of the chain's head (the id pushed to the used ring)
 * @param readable buffers the device reads (driver to device)
 * @param writable buffers the device writes (device to driver)
 */
public record VirtqueueElement(int head, List<GuestBuffer> readable, List<GuestBuffer> writable) {
    public VirtqueueElement {
        readable = List.copyOf(readable);
        writable = List.copyOf(writable);
    }
}
