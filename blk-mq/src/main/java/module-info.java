/** Block layers: blk-mq and the legacy single-queue layer. Exports nothing; provides through ServiceLoader. */
module org.mqvio.blkmq {
    requires org.mqvio.api;

    provides org.mqvio.api.spi.BlockLayerProvider with org.mqvio.blkmq.BlkMqProvider;
}
