package org.mqvio.device.nvme;

import java.util.List;
import org.mqvio.api.spi.ParameterSpec;

/**
 * The names, ranges, defaults and descriptions of provider {@code nvme}'s parameters
 * ({@code --set nvme.NAME=VALUE}). Cross-parameter rules are checked by {@link NvmeConfig}.
 */
final class NvmeParameters {
    /** The most I/O queue pairs an NVMe controller can have (16-bit queue ids, minus the admin queue). */
    static final int MAX_QUEUE_PAIRS = 65535;
    /** The deepest NVMe queue (CAP.MQES is 16 bits, 0-based). */
    static final int MAX_QUEUE_DEPTH = 65536;

    static final String QUEUES = "nvme.queues";
    static final String MAX_QUEUES = "nvme.max_queues";
    static final String QUEUE_DEPTH = "nvme.queue_depth";
    static final String ADMIN_QUEUE_DEPTH = "nvme.admin_queue_depth";
    static final String COMPLETION = "nvme.completion";
    static final String COMPLETION_NSEC = "nvme.completion_nsec";
    static final String CAPACITY = "nvme.capacity_sectors";
    static final String READ_LATENCY = "nvme.read_latency_ns";
    static final String PROGRAM_LATENCY = "nvme.program_latency_ns";
    static final String CHANNELS = "nvme.channels";
    static final String DIES = "nvme.dies";
    static final String CHANNEL_TRANSFER = "nvme.channel_transfer_ns";
    static final String STRIPE = "nvme.stripe_sectors";
    static final String ARBITRATION = "nvme.arbitration";
    static final String BURST = "nvme.arbitration_burst";
    static final String HIGH_WEIGHT = "nvme.wrr_high_weight";
    static final String MEDIUM_WEIGHT = "nvme.wrr_medium_weight";
    static final String LOW_WEIGHT = "nvme.wrr_low_weight";
    static final String QUEUE_PRIORITY = "nvme.queue_priority";
    static final String MAX_ACTIVE = "nvme.max_active";
    static final String IRQ_CPUS = "nvme.irq_cpus";
    static final String COALESCE_THRESHOLD = "nvme.irq_coalesce_threshold";
    static final String COALESCE_TIME = "nvme.irq_coalesce_time_ns";
    static final String QUEUE_LOCK = "nvme.queue_lock";
    static final String MEMORY_BACKED = "nvme.memory_backed";
    static final String WRITE_CACHE = "nvme.write_cache";
    static final String POWER_LOSS_AT = "nvme.power_loss_at_ns";
    static final String BADBLOCKS = "nvme.badblocks";
    static final String ERROR_PROBABILITY = "nvme.error_probability";
    static final String LOST_PROBABILITY = "nvme.lost_probability";
    static final String STALL_PROBABILITY = "nvme.stall_probability";
    static final String STALL_NS = "nvme.stall_ns";
    static final String CORRUPT_READ_PROBABILITY = "nvme.corrupt_read_probability";
    static final String TIMEOUT = "nvme.timeout_ns";
    static final String SERIAL = "nvme.serial";
    static final String LINK = "nvme.link";
    static final String LINK_MAX_PAYLOAD = "nvme.link_max_payload";
    static final String MEDIA_READ_MBPS = "nvme.media_read_mbps";
    static final String MEDIA_WRITE_MBPS = "nvme.media_write_mbps";

    private static final long TEN_SECONDS = 10_000_000_000L;

    private NvmeParameters() {
    }

    static List<ParameterSpec> specs() {
        return List.of(
                ParameterSpec.ofInt(QUEUES, 0, 0, MAX_QUEUE_PAIRS,
                        "I/O queue pairs; 0 gives one per host CPU, at most nvme.max_queues (as Linux's nvme driver asks)"),
                ParameterSpec.ofInt(MAX_QUEUES, 128, 1, MAX_QUEUE_PAIRS,
                        "I/O queue pairs the controller supports; more is a configuration error"),
                ParameterSpec.ofInt(QUEUE_DEPTH, 1024, 2, MAX_QUEUE_DEPTH,
                        "entries per I/O submission and completion queue; depth-1 commands fit in flight"),
                ParameterSpec.ofInt(ADMIN_QUEUE_DEPTH, 32, 2, 4096,
                        "entries of the admin queue pair (Linux: 32); carries Identify for GET_ID and Abort"),
                ParameterSpec.ofChoice(COMPLETION, "none", List.of("none", "timer", "flash"),
                        "none completes in the submitting context (null_blk irqmode 0); timer after completion_nsec "
                                + "through the queue's interrupt (irqmode 2); flash through a NAND die/channel model"),
                ParameterSpec.ofLong(COMPLETION_NSEC, -1, -1, TEN_SECONDS,
                        "timer mode service time in ns; -1 uses cost.device_timer"),
                ParameterSpec.ofLong(CAPACITY, 1L << 31, 1, Long.MAX_VALUE / 512,
                        "capacity in 512-byte sectors (the LBA size)"),
                ParameterSpec.ofLong(READ_LATENCY, 80_000, 0, TEN_SECONDS,
                        "flash: die time of one stripe-unit read in ns (TLC 80000, Optane-class 10000)"),
                ParameterSpec.ofLong(PROGRAM_LATENCY, 500_000, 0, TEN_SECONDS,
                        "flash: die time of one stripe-unit program in ns (TLC tPROG estimate)"),
                ParameterSpec.ofInt(CHANNELS, 8, 1, 1024, "flash: channels; die d is on channel d mod channels"),
                ParameterSpec.ofInt(DIES, 32, 1, 65536,
                        "flash: dies, each serving one operation at a time (internal parallelism)"),
                ParameterSpec.ofLong(CHANNEL_TRANSFER, 0, 0, TEN_SECONDS,
                        "flash: channel time to move one stripe unit in or out, in ns; 0 leaves channels out"),
                ParameterSpec.ofInt(STRIPE, 8, 1, 1 << 20,
                        "flash: sectors per stripe unit; unit u lives on die u mod dies"),
                ParameterSpec.ofChoice(ARBITRATION, "rr", List.of("rr", "wrr"),
                        "command arbitration: round robin, or weighted round robin with an urgent class"),
                ParameterSpec.ofInt(BURST, 1, 0, 128,
                        "arbitration burst: commands one queue gives per turn, a power of two; 0 is no limit"),
                ParameterSpec.ofInt(HIGH_WEIGHT, 4, 1, 256, "wrr: commands per round for high-priority queues"),
                ParameterSpec.ofInt(MEDIUM_WEIGHT, 2, 1, 256, "wrr: commands per round for medium-priority queues"),
                ParameterSpec.ofInt(LOW_WEIGHT, 1, 1, 256, "wrr: commands per round for low-priority queues"),
                ParameterSpec.ofText(QUEUE_PRIORITY, "",
                        "wrr: QUEUE=CLASS pairs, QUEUE a block-layer queue index or FIRST-LAST, CLASS urgent|high|"
                                + "medium|low, for example 0=urgent,1-3=high,7=low; others are medium"),
                ParameterSpec.ofInt(MAX_ACTIVE, 0, 0, 1 << 24,
                        "commands the controller works on at once; the rest wait in their submission queues and "
                                + "arbitration picks the next; 0 is no limit (fetch everything at the doorbell)"),
                ParameterSpec.ofText(IRQ_CPUS, "",
                        "host CPU of each I/O queue's MSI-X vector, comma-separated from queue 0, repeating when "
                                + "shorter; empty puts queue i on CPU i mod host CPUs"),
                ParameterSpec.ofInt(COALESCE_THRESHOLD, 0, 0, 256,
                        "interrupt coalescing: completions per interrupt (needs irq_coalesce_time_ns); 0 is off"),
                ParameterSpec.ofLong(COALESCE_TIME, 0, 0, 25_500_000,
                        "interrupt coalescing: longest delay of an interrupt in ns (needs irq_coalesce_threshold > 1)"),
                ParameterSpec.ofChoice(QUEUE_LOCK, "mcs", List.of("ticket", "mcs", "mutex"),
                        "kind of the host lock guarding each queue pair's submission tail and completion head"),
                ParameterSpec.ofBoolean(MEMORY_BACKED, false,
                        "store written data (sparsely) and return it on reads, as null_blk memory_backed"),
                ParameterSpec.ofBoolean(WRITE_CACHE, true,
                        "volatile write cache: writes are durable only after a flush, unless FUA"),
                ParameterSpec.ofLong(POWER_LOSS_AT, 0, 0, Long.MAX_VALUE,
                        "memory_backed: at this time (ns) the device loses power and its write cache, then goes on; 0 is never"),
                ParameterSpec.ofText(BADBLOCKS, "",
                        "bad sector ranges FIRST-LAST,... that fail reads and writes with a media error, for example 1000-1999,5000-5007"),
                ParameterSpec.ofDouble(ERROR_PROBABILITY, 0, 0, 1,
                        "probability that an I/O command fails with a media or internal error"),
                ParameterSpec.ofDouble(LOST_PROBABILITY, 0, 0, 1,
                        "probability that an I/O command never completes until the host times it out (needs timeout_ns)"),
                ParameterSpec.ofDouble(STALL_PROBABILITY, 0, 0, 1,
                        "probability that an I/O command is held stall_ns before service"),
                ParameterSpec.ofLong(STALL_NS, 1_000_000, 0, TEN_SECONDS, "how long a stalled command is held, in ns"),
                ParameterSpec.ofDouble(CORRUPT_READ_PROBABILITY, 0, 0, 1,
                        "memory_backed: probability that a Read succeeds with one bit of its data flipped (silent data"
                                + " corruption, which only a check of the data such as fio's verify finds)"),
                ParameterSpec.ofLong(TIMEOUT, 0, 0, 3_600_000_000_000L,
                        "host command timeout in ns: the driver completes the request with TIMEOUT and aborts the "
                                + "command; 0 is none (Linux's default is 30 s)"),
                ParameterSpec.ofText(SERIAL, "MQVIO-NVME-0001",
                        "serial number served to Identify and GET_ID, up to 20 printable ASCII characters"),
                ParameterSpec.ofChoice(LINK, "pcie3x4", PcieLink.choices(),
                        "PCIe link pcie<generation>x<lanes> that every command's data crosses (pcie3x4: 3,601 MB/s "
                                + "per direction with a 256-byte payload); none for a memory device without a link "
                                + "(null_blk), where commands complete in the submitting context in mode none"),
                ParameterSpec.ofInt(LINK_MAX_PAYLOAD, 256, 128, 4096,
                        "PCIe maximum payload size in bytes (128-4096, a power of two): data per packet"),
                ParameterSpec.ofLong(MEDIA_READ_MBPS, 0, 0, 1_000_000,
                        "media read bandwidth in MB/s (10^6 bytes) shared by all reads; 0 is no limit "
                                + "(Samsung 970 PRO 1 TB datasheet: 3500)"),
                ParameterSpec.ofLong(MEDIA_WRITE_MBPS, 0, 0, 1_000_000,
                        "media write bandwidth in MB/s (10^6 bytes) shared by all writes; 0 is no limit "
                                + "(Samsung 970 PRO 1 TB datasheet: 2700)"));
    }
}
