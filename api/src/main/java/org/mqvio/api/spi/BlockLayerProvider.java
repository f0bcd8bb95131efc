package org.mqvio.api.spi;

import org.mqvio.api.block.BlockLayer;

/** Creates a {@link BlockLayer} (for example {@code blk-mq} or {@code single-queue}). */
public interface BlockLayerProvider extends Provider {
    /**
     * Creates a block layer over {@code setup.driver()}, binding the driver to it.
     *
     * @throws IllegalArgumentException if the parameters do not fit the driver, saying why
     */
    BlockLayer create(BlockLayerSetup setup);
}
