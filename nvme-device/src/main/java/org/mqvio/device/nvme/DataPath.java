package org.mqvio.device.nvme;

import org.mqvio.api.runtime.Platform;

/**
 * The way a command's data goes between host memory and the media, around the completion mode's own timing
 * ({@link ServiceTime}): a Read's data leaves the media through its internal data path and reaches the host
 * over the link's device-to-host direction after the media's work; a Write's data comes over the host-to-
 * device direction and through the media's data path before it. The controller's DMA engine moves the data
 * as the link's packets, so it is the link here.
 *
 * <p>Each of these is a shared {@link Bandwidth}: concurrent transfers queue, so a stream of large
 * transfers saturates at the slowest resource's rate while a small transfer on an idle device takes only
 * its bytes over that rate. The resources work as a pipeline (data moves on in packets as it comes, not
 * after the whole transfer), so a transfer takes as long as it takes in the slowest resource it crosses.
 * The media's data path is one resource shared by reads and writes, each at its own rate (datasheets give
 * sequential read and write bandwidth); the link's two directions are separate (PCIe is full duplex).
 * Commands without data (Flush, Write Zeroes, Deallocate) cross nothing.
 *
 * <p>Runs in device time only; not thread-safe.
 */
final class DataPath implements ServiceTime {
    private final Platform platform;
    private final ServiceTime media;
    private final long linkBytesPerSecond;
    private final long mediaReadBytesPerSecond;
    private final long mediaWriteBytesPerSecond;
    private final Bandwidth toHost = new Bandwidth();
    private final Bandwidth toDevice = new Bandwidth();
    private final Bandwidth mediaData = new Bandwidth();

    /**
     * @param media                    the completion mode's timing, wrapped
     * @param linkBytesPerSecond       each link direction's data bandwidth, 0 for no link
     * @param mediaReadBytesPerSecond  the media's read bandwidth, 0 for no limit
     * @param mediaWriteBytesPerSecond the media's write bandwidth, 0 for no limit
     */
    DataPath(Platform platform, ServiceTime media, long linkBytesPerSecond, long mediaReadBytesPerSecond,
             long mediaWriteBytesPerSecond) {
        this.platform = platform;
        this.media = media;
        this.linkBytesPerSecond = linkBytesPerSecond;
        this.mediaReadBytesPerSecond = mediaReadBytesPerSecond;
        this.mediaWriteBytesPerSecond = mediaWriteBytesPerSecond;
    }

    /**
     * Serves {@code command}. Over media that completes at once, a transfer goes on to {@code done} itself rather
     * than through a step of its own: the same order, no object per command.
     */
    @Override
    public void serve(Command command, Runnable done) {
        long bytes = (long) command.blocks() * Media.SECTOR;
        switch (command.opcode()) {
            case Opcodes.READ -> {
                if (media.isImmediate()) {
                    move(bytes, toHost, mediaReadBytesPerSecond, done);
                } else {
                    media.serve(command, () -> move(bytes, toHost, mediaReadBytesPerSecond, done));
                }
            }
            case Opcodes.WRITE -> move(bytes, toDevice, mediaWriteBytesPerSecond,
                    media.isImmediate() ? done : () -> media.serve(command, done));
            default -> media.serve(command, done);
        }
    }

    /** Bytes moved to the host and time the device-to-host direction was busy. */
    long bytesToHost() {
        return toHost.bytes();
    }

    long toHostBusyNs() {
        return toHost.busyNs();
    }

    /** Bytes moved to the device and time the host-to-device direction was busy. */
    long bytesToDevice() {
        return toDevice.bytes();
    }

    long toDeviceBusyNs() {
        return toDevice.busyNs();
    }

    private void move(long bytes, Bandwidth direction, long mediaBytesPerSecond, Runnable then) {
        long now = platform.nanoTime();
        long end = now;
        if (linkBytesPerSecond > 0) {
            end = Math.max(end, direction.reserve(now, bytes, linkBytesPerSecond));
        }
        if (mediaBytesPerSecond > 0) {
            end = Math.max(end, mediaData.reserve(now, bytes, mediaBytesPerSecond));
        }
        if (end == now) {
            then.run();
        } else {
            platform.after(end - now, then);
        }
    }
}
