package org.mqvio.dataplane.baseline;

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

/** Provider {@code baseline}: QEMU 2.1's virtio-blk data plane, one virtqueue and one IoThread for all vCPUs. */
public final class BaselineProvider implements DataPlaneProvider {
    static final String IRQ_VCPU = "baseline.irq_vcpu";

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String description() {
        return "QEMU 2.1 virtio-blk data plane: one virtqueue, one IoThread and one interrupt vector shared by all vCPUs";
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(VirtioParameters.SPECS);
        specs.add(ParameterSpec.ofInt(IRQ_VCPU, 0, 0, 4095, "the vCPU the queue's interrupt is delivered to"));
        return specs;
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        int irqVcpu = setup.parameters().getInt(IRQ_VCPU);
        if (irqVcpu >= setup.vcpus().size()) {
            throw new IllegalArgumentException(IRQ_VCPU + "=" + irqVcpu + " but the guest has " + setup.vcpus().size()
                    + " vCPUs; allowed: 0.." + (setup.vcpus().size() - 1));
        }
        return new VirtioBlkDataPlane(setup, DataPlaneLayout.single(irqVcpu),
                VirtioParameters.ringOptions(setup.parameters()), IdlePolicy.SLEEP);
    }
}
