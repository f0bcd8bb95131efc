package org.mqvio.virtio.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.api.virtio.Virtqueue;

/**
 * The tests' view of chains crossing a virtqueue, as values they can keep, compare and print: a pop's chain
 * copied out of the reused {@link DescriptorChain}, a used buffer copied out of the reused {@link UsedBuffer}.
 */
public final class Chains {
    private Chains() {
    }

    /**
     * A popped chain, kept.
     *
     * @param head     the head descriptor, pushed back by the device
     * @param readable the device-readable buffers, in order
     * @param writable the device-writable buffers, in order
     */
    public record Popped(int head, List<GuestBuffer> readable, List<GuestBuffer> writable) {
        public Popped {
            readable = List.copyOf(readable);
            writable = List.copyOf(writable);
        }

        /** The chain {@code chain} holds, copied. */
        public static Popped of(DescriptorChain chain) {
            List<GuestBuffer> all = new ArrayList<>(chain.descriptors());
            for (int i = 0; i < chain.descriptors(); i++) {
                all.add(chain.buffer(i));
            }
            return new Popped(chain.head(), all.subList(0, chain.readable()),
                    all.subList(chain.readable(), chain.descriptors()));
        }
    }

    /**
     * A collected used buffer, kept.
     *
     * @param token   the driver's token
     * @param written the bytes the device said it wrote
     */
    public record Used<T>(T token, int written) {
    }

    /** The next chain {@code vq} pops, or empty when it pops none. */
    public static Optional<Popped> pop(Virtqueue<?> vq) {
        DescriptorChain chain = new DescriptorChain();
        return vq.pop(chain) ? Optional.of(Popped.of(chain)) : Optional.empty();
    }

    /** The next used buffer the driver side of {@code vq} collects, or empty when none is pending. */
    public static <T> Optional<Used<T>> getUsed(Virtqueue<T> vq) {
        UsedBuffer<T> used = new UsedBuffer<>();
        return vq.getUsed(used) ? Optional.of(new Used<>(used.token(), used.written())) : Optional.empty();
    }
}
