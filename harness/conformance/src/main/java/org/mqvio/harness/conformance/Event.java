package org.mqvio.harness.conformance;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * One entry of a run's {@link EventLog}: what the jobs submitted and got back, and what the device was given
 * and answered. Times are the simulation's nanoseconds. Requests are the jobs' ({@link RequestIds});
 * commands are numbered by the kit in the order the device accepted them.
 */
public sealed interface Event {

    /** When it happened, in virtual nanoseconds. */
    long timeNs();

    /** One line saying what happened. */
    String describe();

    /** A job submitted a request to the stack's submission block layer. */
    record Submitted(long timeNs, long request, int cpu, Operation operation, long sector, int length, boolean fua)
            implements Event {
        /** The sector after the request's last one. */
        public long endSector() {
            return sector + length / 512;
        }

        /** The request without its label: {@code WRITE 0+8 FUA on cpu0}. */
        public String what() {
            return range(operation, sector, length, fua) + " on cpu" + cpu;
        }

        @Override
        public String describe() {
            return "submit   " + RequestIds.label(request) + " " + what();
        }
    }

    /**
     * A job's request completed.
     *
     * @param data a copy of a read's data as the job received it, or null
     */
    record Completed(long timeNs, long request, Status status, byte[] data) implements Event {
        @Override
        public String describe() {
            return "complete " + RequestIds.label(request) + " " + status;
        }
    }

    /**
     * The device accepted a command on hardware queue {@code queue}.
     *
     * @param cpu         the submitting CPU of the block layer above the device
     * @param submittedNs when the command entered that block layer
     * @param payload     what each sector of a write's data holds; null when the command carries no data
     */
    record DeviceQueued(long timeNs, long command, int queue, int cpu, Operation operation, long sector, int length,
                        boolean fua, long submittedNs, List<Stamp> payload) implements Event {
        /** The sector after the command's last one. */
        public long endSector() {
            return sector + length / 512;
        }

        /** The command without its number: {@code WRITE 0+8 on q0}. */
        public String what() {
            return range(operation, sector, length, fua) + " on q" + queue;
        }

        @Override
        public String describe() {
            String data = payload == null ? "" : " carrying " + payload.stream().map(s -> s.kind() == Stamp.Kind.WRITTEN
                    ? RequestIds.label(s.request()) : s.kind().name().toLowerCase(Locale.ROOT)).distinct()
                    .collect(Collectors.joining(",", "[", "]"));
            return "device   q" + queue + " accepts cmd " + command + " " + range(operation, sector, length, fua)
                    + " from host cpu" + cpu + data;
        }
    }

    /** The device refused a command with a busy answer; the block layer keeps it. */
    record DeviceRefused(long timeNs, int queue, Operation operation, long sector, int length, DispatchResult answer)
            implements Event {
        @Override
        public String describe() {
            return "device   q" + queue + " refuses " + range(operation, sector, length, false) + ": " + answer;
        }
    }

    /**
     * The device completed a command.
     *
     * @param deviceStatus       the status the device gave
     * @param reported           the status passed up (differs when the kit injected a fault)
     * @param insideQueueRequest whether the device completed it before its {@code queueRequest} returned
     */
    record DeviceCompleted(long timeNs, long command, int queue, Status deviceStatus, Status reported,
                           boolean insideQueueRequest) implements Event {
        @Override
        public String describe() {
            return "device   q" + queue + " completes cmd " + command + " " + reported
                    + (reported == deviceStatus ? "" : " (injected; device said " + deviceStatus + ")")
                    + (insideQueueRequest ? " inside queueRequest" : "");
        }
    }

    /** Something that must never happen, seen where it happened (a completion of an unknown command). */
    record Anomaly(long timeNs, String message) implements Event {
        @Override
        public String describe() {
            return "ANOMALY  " + message;
        }
    }

    private static String range(Operation op, long sector, int length, boolean fua) {
        if (op == Operation.FLUSH) {
            return "FLUSH";
        }
        return op + " " + sector + "+" + (length / 512) + (fua ? " FUA" : "");
    }
}
