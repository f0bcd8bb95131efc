package org.mqvio.blkmq;

import java.util.List;
import java.util.Optional;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;

/**
 * Provider {@code native}: no guest and no virtqueue. The jobs run on host CPUs and submit straight to the
 * host block layer: the reference the virtualized designs are measured against, and the setting of the
 * blk-mq paper's scaling experiment.
 */
public final class NativeProvider implements DataPlaneProvider {
    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "no virtualization: jobs on host CPUs submit straight to the host block layer (the reference)";
    }

    @Override
    public boolean virtualized() {
        return false;
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        return new NativeDataPlane(setup.vcpus());
    }

    private static final class NativeDataPlane implements DataPlane {
        private final List<ExecutionContext> cpus;
        private boolean connected;

        NativeDataPlane(List<ExecutionContext> cpus) {
            this.cpus = cpus;
        }

        @Override
        public Optional<BlockDriver> guestDriver() {
            return Optional.empty();
        }

        @Override
        public List<ExecutionContext> hostSubmitters() {
            return cpus;
        }

        @Override
        public void connect(BlockLayer hostBlockLayer) {
            if (connected) {
                throw new IllegalStateException("the native data plane is already connected");
            }
            connected = true;
        }

        @Override
        public List<? extends Virtqueue<?>> virtqueues() {
            return List.of();
        }

        @Override
        public List<? extends IoThread> ioThreads() {
            return List.of();
        }

        @Override
        public Statistics statistics() {
            return Statistics.zeros(CounterSet.of());
        }
    }
}
