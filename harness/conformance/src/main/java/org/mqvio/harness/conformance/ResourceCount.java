package org.mqvio.harness.conformance;

/**
 * One resource count read after a run drained, with the value it must have when everything is free again.
 *
 * @param what     what was counted ({@code "virtqueue 0: free descriptors"})
 * @param expected the value when every resource is free
 * @param actual   the value read
 */
public record ResourceCount(String what, long expected, long actual) {
    /** Whether the resource is free again. */
    public boolean balanced() {
        return expected == actual;
    }

    @Override
    public String toString() {
        return what + ": " + actual + (balanced() ? "" : " (expected " + expected + ")");
    }
}
