package org.mqvio.blkmq;

import java.util.List;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.ParameterSpec;

/**
 * Provider {@code blk-mq}: Linux's multi-queue block layer (Bjørling, Axboe, Nellans, Bonnet, SYSTOR 2013):
 * per-CPU software staging queues, hardware dispatch queues, tag sets, plugging, merging, the schedulers
 * {@code none} and {@code mq-deadline}, and completion affinity. Its parameters apply to every blk-mq
 * instance of a stack (guest and host).
 */
public final class BlkMqProvider implements BlockLayerProvider {
    static final String NR_HW_QUEUES = "blk-mq.nr_hw_queues";
    static final String QUEUE_DEPTH = "blk-mq.queue_depth";
    static final String RESERVED_TAGS = "blk-mq.reserved_tags";
    static final String SHARED_TAGS = "blk-mq.shared_tags";
    static final String CPU_MAP = "blk-mq.cpu_map";
    static final String SCHEDULER = "blk-mq.scheduler";
    static final String NOMERGES = "blk-mq.nomerges";
    static final String MAX_SECTORS_KB = "blk-mq.max_sectors_kb";
    static final String PLUG = "blk-mq.plug";
    static final String RQ_AFFINITY = "blk-mq.rq_affinity";
    static final String CPU_GROUP_SIZE = "blk-mq.cpu_group_size";
    static final String READ_EXPIRE = "blk-mq.read_expire";
    static final String WRITE_EXPIRE = "blk-mq.write_expire";
    static final String FIFO_BATCH = "blk-mq.fifo_batch";
    static final String WRITES_STARVED = "blk-mq.writes_starved";
    static final String HOST_IPI_SEND = "blk-mq.host_ipi_send_ns";
    static final String HOST_IPI_LATENCY = "blk-mq.host_ipi_latency_ns";
    static final String HOST_IPI_RECEIVE = "blk-mq.host_ipi_receive_ns";

    @Override
    public String name() {
        return "blk-mq";
    }

    @Override
    public String description() {
        return "multi-queue block layer: per-CPU software queues, hardware dispatch queues, tags (Bjorling et al. 2013)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        DeadlineTunables d = DeadlineTunables.LINUX;
        return List.of(
                ParameterSpec.ofInt(NR_HW_QUEUES, 0, 0, 65535,
                        "hardware dispatch queues; 0 uses every queue the driver offers"),
                ParameterSpec.ofInt(QUEUE_DEPTH, -1, -1, 65536,
                        "tags per hardware queue (with shared_tags: in all); -1 uses the driver's queue depth"),
                ParameterSpec.ofInt(RESERVED_TAGS, 0, 0, 65535,
                        "tags of each set kept for FLUSH and GET_ID, so they never wait behind I/O"),
                ParameterSpec.ofBoolean(SHARED_TAGS, false,
                        "one tag set shared by every hardware queue instead of one per queue"),
                ParameterSpec.ofText(CPU_MAP, "",
                        "hardware queue of each CPU, comma-separated (0,0,1,1); empty spreads CPUs over the queues"),
                ParameterSpec.ofChoice(SCHEDULER, "none", List.of("none", "mq-deadline"),
                        "I/O scheduler of each hardware queue"),
                ParameterSpec.ofBoolean(NOMERGES, false, "turn merging of adjacent requests off"),
                ParameterSpec.ofInt(MAX_SECTORS_KB, Merging.DEFAULT_MAX_KB, 4, Merging.MAX_KB,
                        "largest request a merge may build, in KiB"),
                ParameterSpec.ofBoolean(PLUG, true,
                        "plug: requests a context submits in one work item enter the queue as one batch"),
                ParameterSpec.ofInt(RQ_AFFINITY, 1, 0, 2,
                        "0 completes where the interrupt lands; 1 on the submitting CPU's group; 2 on the submitting CPU (IPI)"),
                ParameterSpec.ofInt(CPU_GROUP_SIZE, 0, 0, 65536,
                        "CPUs per cache-sharing group for rq_affinity=1; 0: 1 in a guest (a vCPU per socket), every CPU on the host"),
                ParameterSpec.ofLong(READ_EXPIRE, d.readExpireNs() / 1_000_000, 0, 3_600_000,
                        "mq-deadline: ms a read may wait before it goes ahead of sector order"),
                ParameterSpec.ofLong(WRITE_EXPIRE, d.writeExpireNs() / 1_000_000, 0, 3_600_000,
                        "mq-deadline: ms a write may wait before it goes ahead of sector order"),
                ParameterSpec.ofInt(FIFO_BATCH, d.fifoBatch(), 1, 65536, "mq-deadline: requests per batch"),
                ParameterSpec.ofInt(WRITES_STARVED, d.writesStarved(), 0, 65536,
                        "mq-deadline: read batches that may pass waiting writes"),
                ParameterSpec.ofLong(HOST_IPI_SEND, IpiCosts.HOST_SEND_NS, 0, 1_000_000,
                        "host completion IPI: sender CPU ns (a guest uses cost.ipi_send)"),
                ParameterSpec.ofLong(HOST_IPI_LATENCY, IpiCosts.HOST_LATENCY_NS, 0, 1_000_000,
                        "host completion IPI: delivery ns (a guest uses cost.ipi_latency)"),
                ParameterSpec.ofLong(HOST_IPI_RECEIVE, IpiCosts.HOST_RECEIVE_NS, 0, 1_000_000,
                        "host completion IPI: target CPU ns (a guest uses cost.ipi_receive)"));
    }

    @Override
    public BlockLayer create(BlockLayerSetup setup) {
        return new BlkMq(setup, BlkMqConfig.from(setup));
    }
}
