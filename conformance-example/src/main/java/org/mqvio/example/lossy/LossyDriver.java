package org.mqvio.example.lossy;

import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;

/** A guest driver that passes every call on to the real one, except that it loses every N-th completion. */
final class LossyDriver extends ForwardingDriver {
    private final int dropOneIn;
    private long completions;

    LossyDriver(BlockDriver driver, int dropOneIn) {
        super(driver);
        this.dropOneIn = dropOneIn;
    }

    @Override
    public void bind(BlockLayer blockLayer) {
        driver.bind(new BlockLayer() {
            @Override
            public void submit(ExecutionContext context, BlockRequest request) {
                blockLayer.submit(context, request);
            }

            @Override
            public void complete(ExecutionContext context, BlockRequest request, Status status) {
                if (++completions % dropOneIn == 0) {
                    return;
                }
                blockLayer.complete(context, request, status);
            }

            @Override
            public void restart(ExecutionContext context, int queue) {
                blockLayer.restart(context, queue);
            }

            @Override
            public long capacitySectors() {
                return blockLayer.capacitySectors();
            }

            @Override
            public Map<String, Long> statistics() {
                return blockLayer.statistics();
            }
        });
    }
}
