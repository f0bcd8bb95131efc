package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Invariant 2 (docs/architecture.md#invariant-2): after a drain every resource is free again: the device holds no
 * command, every block layer completed what it was given, every virtqueue has all its descriptors back and nothing
 * left to pop, every IoThread completed what it submitted, no lock has a waiter.
 */
final class ResourcesFree implements Invariant {
    static final String NAME = "resources free after a drain";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Violation> check(RunRecord run) {
        List<Violation> out = new ArrayList<>();
        for (ResourceCount count : run.drain()) {
            if (!count.balanced()) {
                out.add(new Violation(NAME, "after every request completed and " + ConformanceRun.SETTLE_NS
                        + " ns more, " + count, Set.of(), Set.of()));
            }
        }
        return out;
    }
}
