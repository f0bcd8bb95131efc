package org.mqvio.harness.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which providers make up the stack, the machine it runs on, and the {@code --set NAME=VALUE} settings
 * (costs as {@code cost.KEY}, provider parameters as {@code namespace.name}).
 *
 * @param dataPlane        data plane provider name
 * @param guestBlockLayer  guest block layer provider name
 * @param hostBlockLayer   host block layer provider name
 * @param device           device provider name
 * @param hostCpus         host CPUs, {@code >= 1}
 * @param vcpus            guest vCPUs, {@code >= 1}
 * @param seed             the run's seed
 * @param settings         {@code --set} settings, in order
 */
public record StackConfig(String dataPlane, String guestBlockLayer, String hostBlockLayer, String device, int hostCpus,
                          int vcpus, long seed, Map<String, String> settings) {
    /** Default providers: the papers' baseline over blk-mq in guest and host and an NVMe device. */
    public static final String DEFAULT_DATA_PLANE = "baseline";
    public static final String DEFAULT_BLOCK_LAYER = "blk-mq";
    public static final String DEFAULT_DEVICE = "nvme";
    /**
     * Default host CPUs: 4, fewer than the 8 vCPUs plus 8 IoThreads of {@code mq} at 8 jobs, so that the MQ
     * gain is bounded by host CPUs shared between vCPU threads and IoThreads (the papers' +155% to +238%;
     * see {@code costs.properties}).
     */
    public static final int DEFAULT_HOST_CPUS = 4;
    /** The most host CPUs a stack may have: as many as Linux's x86-64 MAXSMP kernels support. */
    public static final int MAX_HOST_CPUS = 8192;
    /**
     * The most vCPUs a stack may have, of the order of KVM's per-VM limit on x86-64; the mq data plane's simulated
     * time per vCPU grows with the vCPUs (a 1 ms run takes about 10 s of wall time at this limit).
     */
    public static final int MAX_VCPUS = 1024;

    public StackConfig {
        Objects.requireNonNull(dataPlane, "dataPlane");
        Objects.requireNonNull(guestBlockLayer, "guestBlockLayer");
        Objects.requireNonNull(hostBlockLayer, "hostBlockLayer");
        Objects.requireNonNull(device, "device");
        if (hostCpus < 1 || hostCpus > MAX_HOST_CPUS) {
            throw new IllegalArgumentException("--host-cpus=" + hostCpus + " is invalid; allowed: an integer from 1 to"
                    + " the limit " + MAX_HOST_CPUS);
        }
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new IllegalArgumentException("--vcpus=" + vcpus + " is invalid; allowed: an integer from 1 to the limit "
                    + MAX_VCPUS + " (without --vcpus, one vCPU per clone: numjobs summed over jobs run side by side)");
        }
        settings = Map.copyOf(new LinkedHashMap<>(settings));
    }

    /** The defaults with {@code vcpus} vCPUs. */
    public static StackConfig defaults(int vcpus) {
        return new StackConfig(DEFAULT_DATA_PLANE, DEFAULT_BLOCK_LAYER, DEFAULT_BLOCK_LAYER, DEFAULT_DEVICE,
                DEFAULT_HOST_CPUS, vcpus, 1, Map.of());
    }

    public StackConfig withDataPlane(String name) {
        return new StackConfig(name, guestBlockLayer, hostBlockLayer, device, hostCpus, vcpus, seed, settings);
    }

    public StackConfig withGuestBlockLayer(String name) {
        return new StackConfig(dataPlane, name, hostBlockLayer, device, hostCpus, vcpus, seed, settings);
    }

    public StackConfig withHostBlockLayer(String name) {
        return new StackConfig(dataPlane, guestBlockLayer, name, device, hostCpus, vcpus, seed, settings);
    }

    public StackConfig withDevice(String name) {
        return new StackConfig(dataPlane, guestBlockLayer, hostBlockLayer, name, hostCpus, vcpus, seed, settings);
    }

    public StackConfig withVcpus(int n) {
        return new StackConfig(dataPlane, guestBlockLayer, hostBlockLayer, device, hostCpus, n, seed, settings);
    }

    public StackConfig withSeed(long s) {
        return new StackConfig(dataPlane, guestBlockLayer, hostBlockLayer, device, hostCpus, vcpus, s, settings);
    }

    public StackConfig withHostCpus(int n) {
        return new StackConfig(dataPlane, guestBlockLayer, hostBlockLayer, device, n, vcpus, seed, settings);
    }

    public StackConfig withSetting(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(settings);
        m.put(name, value);
        return new StackConfig(dataPlane, guestBlockLayer, hostBlockLayer, device, hostCpus, vcpus, seed, m);
    }
}
