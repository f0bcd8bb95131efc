package org.mqvio.api.spi;

import java.util.Objects;
import org.mqvio.api.runtime.Platform;

/**
 * What a storage device is created with.
 *
 * @param platform   the runtime
 * @param parameters resolved parameter values
 * @param hostCpus   number of host CPUs (interrupt vectors are spread over them; the default queue count)
 */
public record DeviceSetup(Platform platform, Parameters parameters, int hostCpus) {
    public DeviceSetup {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(parameters, "parameters");
        if (hostCpus < 1) {
            throw new IllegalArgumentException("host CPUs must be >= 1, was " + hostCpus);
        }
    }
}
