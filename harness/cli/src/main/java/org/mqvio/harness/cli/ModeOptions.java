package org.mqvio.harness.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --mode=sim|live} and {@code --vcpus}, shared by {@code run} and {@code sweep}. */
final class ModeOptions {
    @Option(names = "--mode", defaultValue = "sim",
            description = "sim: the deterministic simulation (default); live: the same components on real threads,"
                    + " real time, costs not charged (run only).")
    String mode;

    @Option(names = "--vcpus", description = "Guest vCPUs (default: one per clone of the jobs running side by side).")
    Integer vcpus;

    /** Checks the mode and the vCPU count; returns true for {@code live}. */
    boolean live() {
        boolean live = switch (mode.toLowerCase(Locale.ROOT)) {
            case "sim" -> false;
            case "live" -> true;
            default -> throw new IllegalArgumentException("--mode=" + mode + " is invalid; allowed: sim, live");
        };
        if (vcpus != null && vcpus < 1) {
            throw new IllegalArgumentException("--vcpus=" + vcpus + " is invalid; allowed: an integer >= 1");
        }
        return live;
    }

    /** Checks the mode for a command that only simulates (a sweep's points run in parallel on the cores). */
    void requireSimulation() {
        if (live()) {
            throw new IllegalArgumentException("--mode=live is not available for this command: its points run in"
                    + " parallel and would share the machine's cores; allowed: --mode=sim (the default), or 'run"
                    + " --mode=live' for one live run");
        }
    }
}
