package org.mqvio.example.lossy;

import java.util.ArrayList;
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
 * Provider {@code lossy}, WRONG ON PURPOSE: the baseline virtio-blk data plane (one virtqueue, one IoThread)
 * whose guest driver loses the completion of one request in {@code lossy.drop_one_in} (default 1000). The
 * request never completes: its job waits forever and its block layer tag is never freed.
 */
public final class LossyProvider implements DataPlaneProvider {
    static final String DROP_ONE_IN = "lossy.drop_one_in";

    @Override
    public String name() {
        return "lossy";
    }

    @Override
    public String description() {
        return "WRONG ON PURPOSE: the baseline data plane losing one completion in lossy.drop_one_in";
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(VirtioParameters.SPECS);
        specs.add(ParameterSpec.ofInt(DROP_ONE_IN, 1000, 1, 1_000_000, "lose the completion of every N-th request"));
        return specs;
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        DataPlane baseline = new VirtioBlkDataPlane(setup, DataPlaneLayout.single(0),
                VirtioParameters.ringOptions(setup.parameters()), IdlePolicy.SLEEP);
        int dropOneIn = setup.parameters().getInt(DROP_ONE_IN);
        return new GuestDriverSwap(baseline, driver -> new LossyDriver(driver, dropOneIn));
    }
}
