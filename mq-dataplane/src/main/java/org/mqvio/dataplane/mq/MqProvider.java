package org.mqvio.dataplane.mq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Parameters;
import org.mqvio.virtio.blk.dataplane.DataPlaneLayout;
import org.mqvio.virtio.blk.dataplane.IdlePolicy;
import org.mqvio.virtio.blk.dataplane.VirtioBlkDataPlane;
import org.mqvio.virtio.blk.dataplane.VirtioParameters;

/**
 * Provider {@code mq}: a virtqueue per vCPU with its own lock and interrupt vector (queue i interrupts vCPU i
 * mod vCPUs), and by default an IoThread per virtqueue. Beyond the papers: {@code mq.queues} and
 * {@code mq.iothreads} give M queues on N IoThreads round-robin, {@code mq.mapping} any assignment (QEMU 9's
 * {@code iothread-vq-mapping}), and {@code mq.poll} adaptive (QEMU's {@code poll-max-ns}) or constant
 * (SPDK-style) polling.
 */
public final class MqProvider implements DataPlaneProvider {
    static final String QUEUES = "mq.queues";
    static final String IOTHREADS = "mq.iothreads";
    static final String MAPPING = "mq.mapping";
    static final String POLL = "mq.poll";
    static final String POLL_MAX_NS = "mq.poll_max_ns";
    static final String POLL_GROW = "mq.poll_grow";
    static final String POLL_SHRINK = "mq.poll_shrink";

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
        specs.add(ParameterSpec.ofInt(IOTHREADS, 0, 0, 1024,
                "IoThreads, queues spread round-robin; 0 gives one per virtqueue (ignored when mq.mapping is set)"));
        specs.add(ParameterSpec.ofText(MAPPING, "",
                "explicit IoThreads and their virtqueues, e.g. io0:0,2;io1:1,3 (or io0;io1 for round-robin)"));
        specs.add(ParameterSpec.ofChoice(POLL, "none", List.of("none", "adaptive", "always"),
                "IoThread polling: none; adaptive (QEMU poll-max-ns); always (SPDK-style, no kicks, burns its CPU)"));
        specs.add(ParameterSpec.ofLong(POLL_MAX_NS, 32_000, 1, 10_000_000_000L, "adaptive polling ceiling in ns"));
        specs.add(ParameterSpec.ofInt(POLL_GROW, 2, 2, 1024, "adaptive polling growth factor"));
        specs.add(ParameterSpec.ofInt(POLL_SHRINK, 0, 0, 1024,
                "adaptive polling shrink divisor when a block outlasts the ceiling; 0 resets the window"));
        return specs;
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        Parameters p = setup.parameters();
        int vcpus = setup.vcpus().size();
        int queues = p.getInt(QUEUES) == 0 ? vcpus : p.getInt(QUEUES);
        DataPlaneLayout layout;
        if (!p.getString(MAPPING).isBlank()) {
            layout = IoThreadVqMapping.parse(p.getString(MAPPING), queues, vcpus);
        } else {
            int threads = p.getInt(IOTHREADS) == 0 ? queues : p.getInt(IOTHREADS);
            if (threads > queues) {
                throw new IllegalArgumentException(IOTHREADS + "=" + threads + " but there are only " + queues
                        + " virtqueues: every IoThread must serve at least one; allowed: 0 (one per queue) to " + queues);
            }
            layout = IoThreadVqMapping.roundRobin(queues, threads, vcpus);
        }
        IdlePolicy idle = pollOptions(p).<IdlePolicy>map(poll -> new Polling(setup.platform(), poll))
                .orElse(IdlePolicy.SLEEP);
        return new VirtioBlkDataPlane(setup, layout, VirtioParameters.ringOptions(p), idle);
    }

    /** The polling {@code mq.poll} asks for; empty for none. */
    private static Optional<PollOptions> pollOptions(Parameters p) {
        return switch (p.getString(POLL)) {
            case "adaptive" -> Optional.of(PollOptions.adaptive(p.getLong(POLL_MAX_NS), p.getInt(POLL_GROW),
                    p.getInt(POLL_SHRINK)));
            case "always" -> Optional.of(PollOptions.always());
            default -> Optional.empty();
        };
    }
}
