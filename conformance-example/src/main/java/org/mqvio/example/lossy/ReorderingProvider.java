package org.mqvio.example.lossy;

import java.util.List;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.virtio.blk.dataplane.DataPlaneLayout;
import org.mqvio.virtio.blk.dataplane.IdlePolicy;
import org.mqvio.virtio.blk.dataplane.VirtioBlkDataPlane;
import org.mqvio.virtio.blk.dataplane.VirtioParameters;

/**
 * Provider {@code reordering}, WRONG ON PURPOSE: the baseline virtio-blk data plane whose IoThread holds each
 * flush back until its next request (or 50 µs) and submits that request first, so a write the guest submitted
 * after a flush reaches the device before it.
 */
public final class ReorderingProvider implements DataPlaneProvider {
    @Override
    public String name() {
        return "reordering";
    }

    @Override
    public String description() {
        return "WRONG ON PURPOSE: the baseline data plane letting the next request overtake a flush";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return VirtioParameters.SPECS;
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        DataPlane baseline = new VirtioBlkDataPlane(setup, DataPlaneLayout.single(0),
                VirtioParameters.ringOptions(setup.parameters()), IdlePolicy.SLEEP);
        return new ReorderingDataPlane(baseline, setup.platform());
    }
}
