package org.mqvio.dataplane.mq;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.dataplane.baseline.virtio.DataPlaneLayout;
import org.mqvio.dataplane.baseline.virtio.VirtioBlkDataPlane;
import org.mqvio.dataplane.baseline.virtio.VirtioParameters;

/**
 * Provider {@code mq}: a virtqueue per vCPU with its own lock and interrupt vector (queue i interrupts vCPU i),
 * and by default an IoThread per virtqueue; {@code mq.queues} and {@code mq.iothreads} give the M:N form,
 * queues assigned to threads round-robin as QEMU 9's {@code iothread-vq-mapping} does by default.
 */
public final class MqProvider implements DataPlaneProvider {
    static final String QUEUES = "mq.queues";
    static final String IOTHREADS = "mq.iothreads";
    static final String POLL_NS = "mq.poll_ns";

    @Override
    public String name() {
        return "mq";
    }

    @Override
    public String description() {
        return "a virtqueue, lock, interrupt vector and IoThread per vCPU (the papers' design; M:N as QEMU 9 iothread-vq-mapping)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(VirtioParameters.SPECS);
        specs.add(ParameterSpec.ofInt(QUEUES, 0, 0, 1024, "virtqueues; 0 gives one per vCPU"));
        specs.add(ParameterSpec.ofInt(IOTHREADS, 0, 0, 1024, "IoThreads; 0 gives one per virtqueue"));
        specs.add(ParameterSpec.ofLong(POLL_NS, 0, 0, Long.MAX_VALUE,
                "how long an idle IoThread polls before it sleeps, in ns (0: never polls)"));
        return specs;
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        var p = setup.parameters();
        int vcpus = setup.vcpus().size();
        int queues = p.getInt(QUEUES) == 0 ? vcpus : p.getInt(QUEUES);
        int threads = p.getInt(IOTHREADS) == 0 ? queues : p.getInt(IOTHREADS);
        if (threads > queues) {
            throw new IllegalArgumentException(IOTHREADS + "=" + threads + " but there are only " + queues
                    + " virtqueues: every IoThread must serve at least one; allowed: 0 (one per queue) to " + queues);
        }
        return new VirtioBlkDataPlane(setup, DataPlaneLayout.roundRobin(queues, threads, vcpus, p.getLong(POLL_NS)),
                VirtioParameters.ringOptions(p));
    }
}
