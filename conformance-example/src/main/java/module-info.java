/**
 * An example of a third party's provider module, wrong on purpose: three data planes built on mqvio's virtio-blk
 * data plane ({@code org.mqvio.virtio.blk.dataplane}), each with one deliberate fault, which the conformance kit must catch ({@code lossy} loses
 * completions, {@code reordering} lets a write overtake a flush, {@code fua-claiming} claims a FUA that
 * virtio-blk cannot carry, so FUA writes complete without reaching durable media). Exports nothing; provides through
 * ServiceLoader, like any provider module.
 */
module org.mqvio.example.lossy {
    requires org.mqvio.api;
    requires org.mqvio.dataplane.baseline;

    provides org.mqvio.api.spi.DataPlaneProvider
            with org.mqvio.example.lossy.LossyProvider, org.mqvio.example.lossy.ReorderingProvider,
                    org.mqvio.example.lossy.FuaClaimingProvider;
}
