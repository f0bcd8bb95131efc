package org.mqvio.device.nvme;

import static org.mqvio.device.nvme.NvmeParameters.*;

import java.util.Arrays;
import java.util.Locale;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.spi.Parameters;

/**
 * A checked NVMe device configuration: every provider parameter resolved, with the rules that span
 * parameters (queues within the controller's maximum, channels within dies, coalescing set whole, lost
 * commands only with a host timeout, ...). Invalid combinations are {@link IllegalArgumentException}s
 * that name the parameters and what is allowed. Arrays are never shared.
 *
 * @param queues          I/O queue pairs, {@code >= 1}
 * @param queueDepth      entries per I/O queue
 * @param adminQueueDepth entries of the admin queue pair
 * @param mode            when commands complete
 * @param timerNs         service time in timer mode
 * @param capacitySectors capacity in 512-byte sectors
 * @param flash           the NAND array's shape and timing
 * @param arbitration     round robin or weighted round robin
 * @param burst           arbitration burst, 0 for no limit
 * @param weights         weighted round robin weights of high, medium and low
 * @param priorities      class of each I/O queue (block-layer index)
 * @param maxActive       commands the controller works on at once, 0 for no limit
 * @param irqCpus         host CPU of each I/O queue's vector (block-layer index)
 * @param coalesceThreshold interrupt aggregation threshold, 0 for none
 * @param coalesceTimeNs  interrupt aggregation time, 0 for none
 * @param queueLock       kind of each queue pair's host lock
 * @param memoryBacked    whether data is stored
 * @param writeCache      whether the volatile write cache is on
 * @param powerLossAtNs   when to lose power, 0 for never
 * @param faults          what faults to inject
 * @param timeoutNs       host command timeout, 0 for none
 * @param serial          the serial number
 * @param transfer        the data path's bandwidths
 */
record NvmeConfig(int queues, int queueDepth, int adminQueueDepth, CompletionMode mode, long timerNs,
                  long capacitySectors, Flash flash, Arbitration arbitration, int burst, int[] weights,
                  PriorityClass[] priorities, int maxActive, int[] irqCpus, int coalesceThreshold, long coalesceTimeNs,
                  LockKind queueLock, boolean memoryBacked, boolean writeCache, long powerLossAtNs, Faults faults,
                  long timeoutNs, String serial, Transfer transfer) {

    /** Bytes in a megabyte as storage datasheets count them. */
    private static final long MEGABYTE = 1_000_000;

    /** Arbitration mechanism. */
    enum Arbitration { RR, WRR }

    /** The NAND array of mode flash. */
    record Flash(int channels, int dies, long readNs, long programNs, long transferNs, int stripeSectors) {
    }

    /**
     * The data path's bandwidths in bytes per second.
     *
     * @param link       the PCIe link, null for none
     * @param mediaRead  the media's read bandwidth, 0 for no limit
     * @param mediaWrite the media's write bandwidth, 0 for no limit
     */
    record Transfer(PcieLink link, long mediaRead, long mediaWrite) {
        /** Each link direction's data bandwidth, 0 without a link. */
        long linkBytesPerSecond() {
            return link == null ? 0 : link.bytesPerSecond();
        }

        /** Whether any transfer takes time. */
        boolean charged() {
            return link != null || mediaRead > 0 || mediaWrite > 0;
        }
    }

    /** Fault injection settings. */
    record Faults(LbaRanges badBlocks, double errorProbability, double lostProbability, double stallProbability,
                  long stallNs, double corruptReadProbability) {
    }

    NvmeConfig {
        weights = weights.clone();
        priorities = priorities.clone();
        irqCpus = irqCpus.clone();
    }

    @Override
    public int[] weights() {
        return weights.clone();
    }

    @Override
    public PriorityClass[] priorities() {
        return priorities.clone();
    }

    @Override
    public int[] irqCpus() {
        return irqCpus.clone();
    }

    /**
     * Checks and resolves {@code p} for a machine with {@code hostCpus} host CPUs and the cost table
     * {@code costs} (for the timer mode's default service time).
     *
     * @throws IllegalArgumentException naming what is wrong and what is allowed
     */
    static NvmeConfig from(Parameters p, int hostCpus, CostTable costs) {
        int maxQueues = p.getInt(MAX_QUEUES);
        int asked = p.getInt(QUEUES);
        if (asked > maxQueues) {
            throw new IllegalArgumentException(QUEUES + "=" + asked + " is more than the controller supports ("
                    + MAX_QUEUES + "=" + maxQueues + "); allowed: 0 (one per host CPU) to " + maxQueues);
        }
        int queues = asked == 0 ? Math.min(hostCpus, maxQueues) : asked;
        int depth = p.getInt(QUEUE_DEPTH);
        checkDepth(QUEUE_DEPTH, depth);
        checkDepth(ADMIN_QUEUE_DEPTH, p.getInt(ADMIN_QUEUE_DEPTH));
        CompletionMode mode = CompletionMode.valueOf(p.getString(COMPLETION).toUpperCase(Locale.ROOT));
        long timerNs = p.getLong(COMPLETION_NSEC) >= 0 ? p.getLong(COMPLETION_NSEC) : costs.get(Cost.DEVICE_TIMER);
        long capacity = p.getLong(CAPACITY);

        int channels = p.getInt(CHANNELS);
        int dies = p.getInt(DIES);
        if (channels > dies) {
            throw new IllegalArgumentException(CHANNELS + "=" + channels + " is more than " + DIES + "=" + dies
                    + "; allowed: every channel has at least one die (channels <= dies)");
        }
        Flash flash = new Flash(channels, dies, p.getLong(READ_LATENCY), p.getLong(PROGRAM_LATENCY),
                p.getLong(CHANNEL_TRANSFER), p.getInt(STRIPE));

        Arbitration arbitration = Arbitration.valueOf(p.getString(ARBITRATION).toUpperCase(Locale.ROOT));
        int burst = p.getInt(BURST);
        if (burst != 0 && Integer.bitCount(burst) != 1) {
            throw new IllegalArgumentException(BURST + "=" + burst + " is not a power of two; allowed: 1, 2, 4, "
                    + "8, 16, 32, 64, 128, or 0 for no limit (NVMe encodes it as a power of two)");
        }
        String priorityText = p.getString(QUEUE_PRIORITY);
        if (!priorityText.isBlank() && arbitration != Arbitration.WRR) {
            throw new IllegalArgumentException(QUEUE_PRIORITY + " applies to weighted round robin only; set "
                    + ARBITRATION + "=wrr or leave it empty");
        }
        PriorityClass[] priorities = QueuePriorities.parse(QUEUE_PRIORITY, priorityText, queues);
        int[] weights = {p.getInt(HIGH_WEIGHT), p.getInt(MEDIUM_WEIGHT), p.getInt(LOW_WEIGHT)};

        int threshold = p.getInt(COALESCE_THRESHOLD);
        long coalesceNs = p.getLong(COALESCE_TIME);
        if ((threshold > 1) != (coalesceNs > 0)) {
            throw new IllegalArgumentException("interrupt coalescing needs both " + COALESCE_THRESHOLD + " > 1 and "
                    + COALESCE_TIME + " > 0 (were " + threshold + " and " + coalesceNs + "); allowed: both set, or "
                    + "both 0 for no coalescing");
        }

        Faults faults = new Faults(LbaRanges.parse(BADBLOCKS, p.getString(BADBLOCKS), capacity),
                p.getDouble(ERROR_PROBABILITY), p.getDouble(LOST_PROBABILITY), p.getDouble(STALL_PROBABILITY),
                p.getLong(STALL_NS), p.getDouble(CORRUPT_READ_PROBABILITY));
        long timeoutNs = p.getLong(TIMEOUT);
        if (faults.lostProbability() > 0 && timeoutNs == 0) {
            throw new IllegalArgumentException(LOST_PROBABILITY + "=" + faults.lostProbability() + " needs "
                    + TIMEOUT + " > 0: a lost command completes only when the host times it out");
        }
        boolean memoryBacked = p.getBoolean(MEMORY_BACKED);
        if (faults.corruptReadProbability() > 0 && !memoryBacked) {
            throw new IllegalArgumentException(CORRUPT_READ_PROBABILITY + " needs " + MEMORY_BACKED + "=true: without"
                    + " stored data there is nothing to corrupt");
        }
        long powerLossAt = p.getLong(POWER_LOSS_AT);
        if (powerLossAt > 0 && !memoryBacked) {
            throw new IllegalArgumentException(POWER_LOSS_AT + " needs " + MEMORY_BACKED + "=true: without stored "
                    + "data there is nothing to lose");
        }
        return new NvmeConfig(queues, depth, p.getInt(ADMIN_QUEUE_DEPTH), mode, timerNs, capacity, flash, arbitration,
                burst, weights, priorities, p.getInt(MAX_ACTIVE), irqCpus(p.getString(IRQ_CPUS), queues, hostCpus),
                threshold, coalesceNs, LockKind.valueOf(p.getString(QUEUE_LOCK).toUpperCase(Locale.ROOT)),
                memoryBacked, p.getBoolean(WRITE_CACHE), powerLossAt, faults, timeoutNs, serial(p.getString(SERIAL)),
                new Transfer(PcieLink.parse(p.getString(LINK), p.getInt(LINK_MAX_PAYLOAD)),
                        p.getLong(MEDIA_READ_MBPS) * MEGABYTE, p.getLong(MEDIA_WRITE_MBPS) * MEGABYTE));
    }

    private static void checkDepth(String name, int depth) {
        if (depth < 2 || depth > MAX_QUEUE_DEPTH) {
            throw new IllegalArgumentException(name + "=" + depth + " is out of range; allowed: 2 to " + MAX_QUEUE_DEPTH);
        }
    }

    private static int[] irqCpus(String text, int queues, int hostCpus) {
        int[] cpus = new int[queues];
        if (text.isBlank()) {
            for (int q = 0; q < queues; q++) {
                cpus[q] = q % hostCpus;
            }
            return cpus;
        }
        int[] listed = Arrays.stream(text.split(",")).map(String::trim).mapToInt(s -> {
            int cpu;
            try {
                cpu = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(IRQ_CPUS + ": '" + s + "' is not a CPU index; allowed: "
                        + "comma-separated host CPU indices 0.." + (hostCpus - 1));
            }
            if (cpu < 0 || cpu >= hostCpus) {
                throw new IllegalArgumentException(IRQ_CPUS + ": CPU " + cpu + " does not exist; allowed: 0.."
                        + (hostCpus - 1) + " (there are " + hostCpus + " host CPUs)");
            }
            return cpu;
        }).toArray();
        for (int q = 0; q < queues; q++) {
            cpus[q] = listed[q % listed.length];
        }
        return cpus;
    }

    private static String serial(String text) {
        if (text.isEmpty() || text.length() > IdentifyData.SERIAL_BYTES
                || !text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F)) {
            throw new IllegalArgumentException(SERIAL + "='" + text + "' is invalid; allowed: 1 to "
                    + IdentifyData.SERIAL_BYTES + " printable ASCII characters");
        }
        return text;
    }
}
