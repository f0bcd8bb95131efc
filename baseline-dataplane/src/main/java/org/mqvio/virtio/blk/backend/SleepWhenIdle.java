package org.mqvio.virtio.blk.backend;

import org.mqvio.api.runtime.ExecutionContext;

/** QEMU 2.1's IoThread: out of work, it sleeps with kicks enabled until a kick or a host completion. */
final class SleepWhenIdle implements IoThreadIdle {
    private final ExecutionContext context;

    SleepWhenIdle(ExecutionContext context) {
        this.context = context;
    }

    @Override
    public void enter() {
        context.setPollWindow(0);
    }

    @Override
    public void leave() {
        // nothing to adjust
    }

    @Override
    public boolean polling() {
        return false;
    }
}
