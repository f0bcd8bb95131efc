package org.mqvio.api;

/**
 * A driver's answer when a block layer hands it a request, as Linux's {@code queue_rq} answers.
 * On either busy answer the driver has not taken the request: the block layer keeps it and
 * dispatches it again first. Nothing is dropped.
 */
public enum DispatchResult {
    /** The driver took the request; it will complete it exactly once. */
    OK,
    /**
     * The device's own queue is full ({@code BLK_STS_DEV_RESOURCE}): dispatch again when one of
     * this queue's in-flight requests completes (the driver calls {@code BlockLayer.restart}).
     */
    DEVICE_BUSY,
    /** A resource shared by all queues is short ({@code BLK_STS_RESOURCE}): dispatch again a little later. */
    RESOURCE_BUSY
}
