package org.mqvio.harness.fio;

import java.util.Locale;

/** Which runtime runs a plan's jobs. On the command line: {@code --mode=sim|live}. */
public enum RunMode {
    /** The deterministic simulation: virtual time, costs charged. */
    SIM,
    /** The same components on real threads, in real time; costs are not charged. */
    LIVE;

    /** The name on the command line: {@code sim} or {@code live}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
