package org.mqvio.harness.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --mode=sim|live} and {@code --vcpus}, shared by {@code run} and {@code sweep}. */
final class ModeOptions {
    @Option(names = "--mode", defaultValue = "sim",
            description = "sim: the deterministic simulation (default); live: real threads (not available yet).")
    String mode;

    @Option(names = "--vcpus", description = "Guest vCPUs (default: one per clone of the jobs running side by side).")
    Integer vcpus;

    /** Checks the mode: only the simulation exists so far. */
    void requireSimulation() {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "sim" -> {
            }
            case "live" -> throw new IllegalArgumentException("--mode=live is not available yet: the live runtime"
                    + " (components on real threads) has not landed; allowed now: --mode=sim (the default)");
            default -> throw new IllegalArgumentException("--mode=" + mode + " is invalid; allowed: sim, live");
        }
        if (vcpus != null && vcpus < 1) {
            throw new IllegalArgumentException("--vcpus=" + vcpus + " is invalid; allowed: an integer >= 1");
        }
    }
}
