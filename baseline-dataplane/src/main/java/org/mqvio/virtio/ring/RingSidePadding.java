package org.mqvio.virtio.ring;

/**
 * Padding at the start of the objects that hold one side's private ring state ({@link DriverRing},
 * {@link DeviceRing}, {@link ChainReader}): superclass fields are laid out before a subclass's, so these 128
 * bytes keep that state off the cache line (and its adjacent-line prefetch pair) of whatever object the heap
 * put just before it, typically the other side's state, which another thread writes on every call (false
 * sharing). The fields are never read or written.
 */
@SuppressWarnings("unused")
abstract class RingSidePadding {
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    private long p08, p09, p10, p11, p12, p13, p14, p15;
}
