package org.mqvio.virtio.blk.frontend;

import org.mqvio.api.runtime.ExecutionContext;

/**
 * Hears that a {@link VirtioBlkFrontend} queue ended a batch without kicking, because the device had asked for
 * no kicks: how a device that polls its rings instead of waiting for kicks learns, in the model, that the
 * guest's store of a new available index is on its way.
 */
@FunctionalInterface
public interface KicklessPublishListener {

    /** Called on {@code guest}, the vCPU context that published, right after it released the queue's lock. */
    void publishedWithoutKick(ExecutionContext guest);
}
