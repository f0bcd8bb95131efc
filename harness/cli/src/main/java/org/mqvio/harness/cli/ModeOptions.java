package org.mqvio.harness.cli;

import org.mqvio.harness.fio.RunMode;
import org.mqvio.harness.stack.StackConfig;
import picocli.CommandLine.Option;

/** {@code --mode=sim|live} and {@code --vcpus}, shared by {@code run} and {@code sweep}. */
final class ModeOptions {
    @Option(names = "--mode", defaultValue = "sim", converter = RunModes.class,
            description = "sim: the deterministic simulation (default); live: the same components on real threads,"
                    + " real time, costs not charged (run only).")
    RunMode mode;

    @Option(names = "--vcpus", description = "Guest vCPUs (default: one per clone of the jobs running side by side).")
    Integer vcpus;

    /** Checks the vCPU count (as a stack does); returns the mode. */
    RunMode checked() {
        if (vcpus != null) {
            StackConfig.defaults(1).withVcpus(vcpus);
        }
        return mode;
    }

    /** Checks the options for a command that only simulates (a sweep's points run in parallel on the cores). */
    void requireSimulation() {
        if (checked() == RunMode.LIVE) {
            throw new IllegalArgumentException("--mode=live is not available for this command: its points run in"
                    + " parallel and would share the machine's cores; allowed: --mode=sim (the default), or 'run"
                    + " --mode=live' for one live run");
        }
    }

    /** Reads {@code --mode}. */
    static final class RunModes extends EnumConverter<RunMode> {
        RunModes() {
            super(RunMode.class, "");
        }
    }
}
