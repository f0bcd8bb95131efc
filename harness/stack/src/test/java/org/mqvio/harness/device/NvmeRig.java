package org.mqvio.harness.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.DeviceSetup;
import org.mqvio.api.spi.Parameters;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.spi.StorageDeviceProvider;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.CostTableFile;

/**
 * An NVMe device from provider {@code nvme}, found through the registry as any user would find it, on the
 * simulation with the default cost table, under a {@link TestHost} block layer fed by {@code cpus} host
 * CPU contexts ({@code cpu0..}).
 */
final class NvmeRig {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    final SimPlatform platform;
    final StorageDevice device;
    final TestHost host;
    final List<ExecutionContext> cpus = new ArrayList<>();
    private long nextId;

    NvmeRig(int hostCpus, int cpuCount, long seed, Map<String, String> settings) {
        platform = new SimPlatform(CostTableFile.defaults(), hostCpus, seed);
        for (int i = 0; i < cpuCount; i++) {
            cpus.add(platform.newContext(ContextSpec.of("cpu" + i, ContextKind.HOST)));
        }
        device = create(platform, hostCpus, settings);
        host = new TestHost(platform, device, cpus);
    }

    /** Creates the device the way the stack does. */
    static StorageDevice create(SimPlatform platform, int hostCpus, Map<String, String> settings) {
        StorageDeviceProvider provider = REGISTRY.device("nvme");
        return provider.create(new DeviceSetup(platform, Parameters.resolve(provider.parameters(), settings), hostCpus));
    }

    /** A request from CPU {@code cpu}. */
    BlockRequest request(Operation op, long sector, int bytes, int cpu, boolean fua, byte[] data, Completion done) {
        return BlockRequest.builder(op).id(nextId++).sector(sector).length(bytes).cpu(cpu).fua(fua).data(data)
                .createdNs(platform.nanoTime()).completion(done).build();
    }

    /** Submits {@code batch} as one dispatch run on its CPU, {@code delayNs} from now. */
    void submitLater(long delayNs, List<BlockRequest> batch) {
        ExecutionContext cpu = cpus.get(batch.get(0).cpu());
        platform.schedule(delayNs, () -> cpu.post(0, () -> host.submitAll(cpu, batch)));
    }

    /** Submits {@code batch} from the running item of its CPU. */
    void submitNow(List<BlockRequest> batch) {
        host.submitAll(cpus.get(batch.get(0).cpu()), batch);
    }

    void runUntil(long ns) {
        platform.runUntil(ns);
    }

    /** A device statistic. */
    long stat(String name) {
        var s = device.statistics();
        return s.get(s.counters().named(name));
    }
}
