package org.mqvio.harness.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mqvio.harness.stack.StackConfig;
import picocli.CommandLine.Option;

/** The options that choose the stack and the machine, shared by {@code run}, {@code sweep} and {@code paper}. */
final class StackOptions {
    @Option(names = "--dataplane", defaultValue = StackConfig.DEFAULT_DATA_PLANE,
            description = "Data plane provider (default: ${DEFAULT-VALUE}; see 'mqvio list').")
    String dataPlane;

    @Option(names = "--guest-block-layer", defaultValue = StackConfig.DEFAULT_BLOCK_LAYER,
            description = "Guest block layer provider (default: ${DEFAULT-VALUE}).")
    String guestBlockLayer;

    @Option(names = "--host-block-layer", defaultValue = StackConfig.DEFAULT_BLOCK_LAYER,
            description = "Host block layer provider (default: ${DEFAULT-VALUE}).")
    String hostBlockLayer;

    @Option(names = "--device", defaultValue = StackConfig.DEFAULT_DEVICE,
            description = "Storage device provider (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--host-cpus", defaultValue = "" + StackConfig.DEFAULT_HOST_CPUS,
            description = "Host CPUs shared by vCPU threads, IoThreads and interrupts (default: ${DEFAULT-VALUE}).")
    int hostCpus;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Set a provider parameter (virtio.queue_size=256) or a cost (cost.kick_exit=2000); repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The stack with {@code vcpus} vCPUs. */
    StackConfig config(int vcpus) {
        return new StackConfig(dataPlane, guestBlockLayer, hostBlockLayer, device, hostCpus, vcpus, seed, settings);
    }
}
