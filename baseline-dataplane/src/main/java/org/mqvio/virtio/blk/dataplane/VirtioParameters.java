package org.mqvio.virtio.blk.dataplane;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Parameters;
import org.mqvio.virtio.ring.RingFeature;
import org.mqvio.virtio.ring.RingFeatures;

/** The {@code virtio.*} parameters shared by every virtio-blk data plane. */
public final class VirtioParameters {
    public static final String QUEUE_SIZE = "virtio.queue_size";
    public static final String EVENT_IDX = "virtio.event_idx";
    public static final String INDIRECT = "virtio.indirect";
    public static final String LOCK = "virtio.lock";
    public static final String MERGE = "virtio.merge";
    public static final String KICK_IN_LOCK = "virtio.kick_in_lock";
    public static final String NOTIFY_SUPPRESSION = "virtio.notify_suppression";

    /** The declarations. */
    public static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.ofInt(QUEUE_SIZE, 128, 1, 32768, "descriptors per virtqueue (a power of two; QEMU 2.1 uses 128)"),
            ParameterSpec.ofBoolean(EVENT_IDX, true, "negotiate VIRTIO_F_EVENT_IDX notification suppression"),
            ParameterSpec.ofBoolean(INDIRECT, true, "negotiate VIRTIO_F_INDIRECT_DESC (one ring slot per request)"),
            ParameterSpec.ofChoice(LOCK, "ticket", List.of("ticket", "mcs", "mutex"),
                    "kind of the guest's per-virtqueue lock (a 3.17 guest has ticket spinlocks)"),
            ParameterSpec.ofBoolean(MERGE, false,
                    "merge up to 32 adjacent same-direction requests per pass (QEMU 2.3+; QEMU 2.1's data plane does not)"),
            ParameterSpec.ofBoolean(KICK_IN_LOCK, false,
                    "kick while still holding the virtqueue lock (Linux before 3.16); 3.16+ kicks after releasing it"),
            ParameterSpec.ofBoolean(NOTIFY_SUPPRESSION, true,
                    "each side honours the other's notification suppression (flags or event indices, virtio 1.x 2.7.7"
                            + " and 2.7.10); false kicks at every batch and interrupts at every pass (an ablation)"));

    private VirtioParameters() {
    }

    /** The ring options from resolved parameters; rejects a queue size that is not a power of two. */
    public static RingOptions ringOptions(Parameters p) {
        int size = p.getInt(QUEUE_SIZE);
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException(QUEUE_SIZE + "=" + size + " is not a power of two; allowed: 1, 2, 4, ... 32768");
        }
        Set<RingFeature> negotiated = EnumSet.noneOf(RingFeature.class);
        if (p.getBoolean(EVENT_IDX)) {
            negotiated.add(RingFeature.EVENT_IDX);
        }
        if (p.getBoolean(INDIRECT)) {
            negotiated.add(RingFeature.INDIRECT_DESC);
        } else if (size < 4) {
            throw new IllegalArgumentException(QUEUE_SIZE + "=" + size + " cannot hold one request (header, data and"
                    + " status descriptors) without indirect descriptors; allowed: 4 or more, or " + INDIRECT + "=true");
        }
        return new RingOptions(size, RingFeatures.of(negotiated.toArray(RingFeature[]::new)),
                LockKind.valueOf(p.getString(LOCK).toUpperCase(Locale.ROOT)), p.getBoolean(MERGE),
                p.getBoolean(KICK_IN_LOCK), p.getBoolean(NOTIFY_SUPPRESSION));
    }

    /**
     * Options of each virtqueue.
     *
     * @param queueSize descriptors per queue
     * @param features  the ring features negotiated (event index suppression, indirect descriptors)
     * @param lockKind  the guest's virtqueue lock
     * @param merge     whether the device merges adjacent requests
     * @param kickInLock whether the guest kicks before releasing the virtqueue lock
     * @param notifySuppression whether each side honours the other's notification suppression
     */
    public record RingOptions(int queueSize, RingFeatures features, LockKind lockKind, boolean merge,
                              boolean kickInLock, boolean notifySuppression) {
    }
}
