package org.mqvio.example.lossy;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.ForwardingBlockDriver;
import org.mqvio.api.runtime.ExecutionContext;

/** A guest driver that passes every call on to the real one, except that it loses every N-th completion. */
final class LossyDriver extends ForwardingBlockDriver {
    private final int dropOneIn;
    private long completions;

    LossyDriver(BlockDriver driver, int dropOneIn) {
        super(driver);
        this.dropOneIn = dropOneIn;
    }

    @Override
    protected void completed(ExecutionContext context, BlockRequest request, Status status) {
        if (++completions % dropOneIn != 0) {
            super.completed(context, request, status);
        }
    }
}
