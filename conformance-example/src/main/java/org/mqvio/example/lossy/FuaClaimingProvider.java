package org.mqvio.example.lossy;

import java.util.List;
import org.mqvio.api.block.ForwardingBlockDriver;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.virtio.blk.dataplane.DataPlaneLayout;
import org.mqvio.virtio.blk.dataplane.IdlePolicy;
import org.mqvio.virtio.blk.dataplane.VirtioBlkDataPlane;
import org.mqvio.virtio.blk.dataplane.VirtioParameters;

/**
 * Provider {@code fua-claiming}, WRONG ON PURPOSE: the baseline virtio-blk data plane whose guest driver claims
 * to honour FUA. virtio-blk has no FUA bit, so the guest block layer, trusting the claim, sends a FUA write
 * without the flush it needs, and the write completes while its data may still sit in the device's volatile
 * cache.
 */
public final class FuaClaimingProvider implements DataPlaneProvider {
    @Override
    public String name() {
        return "fua-claiming";
    }

    @Override
    public String description() {
        return "WRONG ON PURPOSE: the baseline data plane whose guest driver claims FUA that virtio-blk cannot carry";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return VirtioParameters.SPECS;
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        DataPlane inner = new VirtioBlkDataPlane(setup, DataPlaneLayout.single(0),
                VirtioParameters.ringOptions(setup.parameters()), IdlePolicy.SLEEP);
        return new GuestDriverSwap(inner, driver -> new ForwardingBlockDriver(driver) {
            @Override
            public boolean honoursFua() {
                return true; // the fault: virtio-blk drops the FUA flag
            }
        });
    }
}
