/**
 * Block layers (blk-mq and the legacy single-queue layer) and the {@code native} data plane that submits
 * straight to them. Exports nothing; provides through ServiceLoader.
 */
module org.mqvio.blkmq {
    requires org.mqvio.api;

    provides org.mqvio.api.spi.BlockLayerProvider with org.mqvio.blkmq.BlkMqProvider;
    provides org.mqvio.api.spi.DataPlaneProvider with org.mqvio.blkmq.NativeProvider;
}
