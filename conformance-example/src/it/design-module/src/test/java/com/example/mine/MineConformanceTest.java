package com.example.mine;

import org.mqvio.harness.conformance.DataPlaneContract;

/** The conformance kit on {@code mine}, as the README shows it. */
class MineConformanceTest implements DataPlaneContract {
    @Override
    public String dataPlane() {
        return "mine";
    }
}
