package org.mqvio.api.spi;

import java.util.List;
import java.util.Objects;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * What a data plane is created with.
 *
 * @param platform   the runtime
 * @param parameters resolved parameter values
 * @param vcpus      the contexts the jobs run on, indexed by CPU number: guest vCPUs, or host CPUs for a
 *                   data plane that is not virtualized
 */
public record DataPlaneSetup(Platform platform, Parameters parameters, List<ExecutionContext> vcpus) {
    public DataPlaneSetup {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(parameters, "parameters");
        vcpus = List.copyOf(vcpus);
        if (vcpus.isEmpty()) {
            throw new IllegalArgumentException("a data plane needs at least one vCPU");
        }
    }
}
