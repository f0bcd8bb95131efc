package org.mqvio.benchmarks;

import org.mqvio.harness.sim.EventKernel;

/** The hold model on mqvio's {@link EventKernel}: each pending event is one reusable {@link Runnable}. */
final class MqvioHoldModel implements HoldModel {
    private final EventKernel kernel = new EventKernel();
    private final DelayStream delays;

    MqvioHoldModel(int pending, DelayStream delays) {
        this.delays = delays;
        for (int i = 0; i < pending; i++) {
            kernel.schedule(delays.next(), new Hold());
        }
    }

    @Override
    public void fire() {
        kernel.step();
    }

    @Override
    public double nowNs() {
        return kernel.now();
    }

    @Override
    public int pending() {
        return kernel.pending();
    }

    private final class Hold implements Runnable {
        @Override
        public void run() {
            kernel.schedule(delays.next(), this);
        }
    }
}
