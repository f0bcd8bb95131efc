package org.mqvio.harness.conformance;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * Faults the kit injects at the device: a read or write that covers a bad sector completes with
 * {@link Status#MEDIUM_ERROR} instead of the status the device gave. The invariants then treat that as the
 * device's status, so they check that an error travels up to the job (with whatever status the layers map it
 * to) and never turns into success. Compact form: {@code --bad-sectors=8,16}.
 *
 * @param badSectors the bad sectors; empty for none
 */
public record Faults(SortedSet<Long> badSectors) {
    private static final Faults NONE = new Faults(new TreeSet<>());

    public Faults {
        TreeSet<Long> copy = new TreeSet<>(Objects.requireNonNull(badSectors, "badSectors"));
        if (!copy.isEmpty() && copy.first() < 0) {
            throw new IllegalArgumentException("bad sectors must be >= 0, got " + copy.first());
        }
        badSectors = Collections.unmodifiableSortedSet(copy);
    }

    /** No faults. */
    public static Faults none() {
        return NONE;
    }

    /** Reads and writes covering any of {@code sectors} fail with a medium error. */
    public static Faults badSectors(long... sectors) {
        return new Faults(Arrays.stream(sectors).boxed().collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Whether no fault is injected. */
    public boolean isEmpty() {
        return badSectors.isEmpty();
    }

    /** The status to report for {@code command}, which the device completed with {@code deviceStatus}. */
    public Status apply(BlockRequest command, Status deviceStatus) {
        if (!deviceStatus.isOk() || badSectors.isEmpty()) {
            return deviceStatus;
        }
        if (command.operation() != Operation.READ && command.operation() != Operation.WRITE) {
            return deviceStatus;
        }
        SortedSet<Long> hit = badSectors.subSet(command.sector(), command.sector() + Math.max(1, command.sectors()));
        return hit.isEmpty() ? deviceStatus : Status.MEDIUM_ERROR;
    }

    /** The compact form, or the empty string for none. */
    public String compact() {
        return badSectors.isEmpty() ? "" : "--bad-sectors="
                + badSectors.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return badSectors.isEmpty() ? "no faults" : compact();
    }
}
