package org.mqvio.api.spi;

import java.util.List;
import java.util.Objects;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * What a block layer is created with.
 *
 * @param platform   the runtime
 * @param parameters resolved parameter values
 * @param role       whether this block layer runs in the guest or on the host
 * @param cpus       the submitting CPUs' contexts; {@code request.cpu()} indexes this list
 * @param driver     the driver to dispatch to
 */
public record BlockLayerSetup(Platform platform, Parameters parameters, Role role, List<ExecutionContext> cpus,
                              BlockDriver driver) {
    /** Where a block layer runs. */
    public enum Role { GUEST, HOST }

    public BlockLayerSetup {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(driver, "driver");
        cpus = List.copyOf(cpus);
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("a block layer needs at least one submitting CPU");
        }
    }
}
