/**
 * Block layers and the {@code native} data plane that submits straight to them: provider {@code blk-mq}
 * (per-CPU software queues, hardware dispatch queues, tags, plugging, merging, none and mq-deadline),
 * provider {@code single-queue} (the legacy layer: one request queue under one lock) and provider
 * {@code native}. Exports nothing; provides through ServiceLoader.
 */
module org.mqvio.blkmq {
    requires org.mqvio.api;

    provides org.mqvio.api.spi.BlockLayerProvider with org.mqvio.blkmq.BlkMqProvider,
            org.mqvio.blkmq.SingleQueueProvider;
    provides org.mqvio.api.spi.DataPlaneProvider with org.mqvio.blkmq.NativeProvider;
}
