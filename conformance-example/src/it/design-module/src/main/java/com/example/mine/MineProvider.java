package com.example.mine;

import java.util.List;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.dataplane.ForwardingDataPlane;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.ProviderRegistry;

/** Data plane {@code mine}: the {@code baseline} data plane, found by name, behind a forwarding wrapper. */
public final class MineProvider implements DataPlaneProvider {
    private static DataPlaneProvider baseline() {
        return ProviderRegistry.load().dataPlane("baseline");
    }

    @Override
    public String name() {
        return "mine";
    }

    @Override
    public String description() {
        return "an example design module's data plane: baseline, forwarded";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return baseline().parameters();
    }

    @Override
    public DataPlane create(DataPlaneSetup setup) {
        return new ForwardingDataPlane(baseline().create(setup)) {
        };
    }
}
