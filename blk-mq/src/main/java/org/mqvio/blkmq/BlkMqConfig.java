package org.mqvio.blkmq;

import static org.mqvio.blkmq.BlkMqProvider.CPU_GROUP_SIZE;
import static org.mqvio.blkmq.BlkMqProvider.CPU_MAP;
import static org.mqvio.blkmq.BlkMqProvider.FIFO_BATCH;
import static org.mqvio.blkmq.BlkMqProvider.HOST_IPI_LATENCY;
import static org.mqvio.blkmq.BlkMqProvider.HOST_IPI_RECEIVE;
import static org.mqvio.blkmq.BlkMqProvider.HOST_IPI_SEND;
import static org.mqvio.blkmq.BlkMqProvider.MAX_SECTORS_KB;
import static org.mqvio.blkmq.BlkMqProvider.NOMERGES;
import static org.mqvio.blkmq.BlkMqProvider.NR_HW_QUEUES;
import static org.mqvio.blkmq.BlkMqProvider.PLUG;
import static org.mqvio.blkmq.BlkMqProvider.QUEUE_DEPTH;
import static org.mqvio.blkmq.BlkMqProvider.READ_EXPIRE;
import static org.mqvio.blkmq.BlkMqProvider.RESERVED_TAGS;
import static org.mqvio.blkmq.BlkMqProvider.RQ_AFFINITY;
import static org.mqvio.blkmq.BlkMqProvider.SCHEDULER;
import static org.mqvio.blkmq.BlkMqProvider.SHARED_TAGS;
import static org.mqvio.blkmq.BlkMqProvider.WRITES_STARVED;
import static org.mqvio.blkmq.BlkMqProvider.WRITE_EXPIRE;

import java.util.Arrays;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.Parameters;

/**
 * blk-mq's configuration, checked against the driver and the CPUs before anything is built. Every bad value
 * is an {@link IllegalArgumentException} that names the parameter, what was wrong and the allowed range.
 *
 * @param depths    tag depth of each hardware queue (with shared tags, every entry is the shared depth)
 * @param reserved  reserved tags per tag set
 * @param shared    one tag set for every hardware queue
 * @param map       CPU to hardware queue
 * @param deadline  mq-deadline (else {@code none}), and its tunables
 * @param merging   merge switch and limit
 * @param plug      plugging on
 * @param rqAffinity completion affinity 0, 1 or 2
 * @param groupSize  CPUs per group for {@code rq_affinity=1}
 * @param ipiCosts   what a completion IPI costs in this role
 */
record BlkMqConfig(int[] depths, int reserved, boolean shared, CpuQueueMap map, boolean deadline,
                   DeadlineTunables tunables, Merging merging, boolean plug, int rqAffinity, int groupSize,
                   IpiCosts ipiCosts) {

    int queues() {
        return depths.length;
    }

    static BlkMqConfig from(BlockLayerSetup setup) {
        Parameters p = setup.parameters();
        BlockDriver driver = setup.driver();
        int cpus = setup.cpus().size();
        int offered = driver.hardwareQueues();
        if (offered < 1) {
            throw new IllegalArgumentException("the driver offers " + offered
                    + " hardware queues; blk-mq needs at least 1");
        }
        int asked = p.getInt(NR_HW_QUEUES);
        if (asked > offered) {
            throw new IllegalArgumentException(NR_HW_QUEUES + "=" + asked + " but the driver offers " + offered
                    + " hardware queues; allowed: 0 (all) to " + offered);
        }
        int queues = asked == 0 ? offered : asked;
        int[] depths = depths(p.getInt(QUEUE_DEPTH), p.getBoolean(SHARED_TAGS), driver, queues);
        int reserved = p.getInt(RESERVED_TAGS);
        for (int q = 0; q < queues; q++) {
            if (reserved >= depths[q]) {
                throw new IllegalArgumentException(RESERVED_TAGS + "=" + reserved + " leaves no tag for I/O in hardware queue "
                        + q + " of depth " + depths[q] + "; allowed: 0 to " + (depths[q] - 1));
            }
        }
        CpuQueueMap map = CpuQueueMap.parse(CPU_MAP, p.getString(CPU_MAP), cpus, queues);
        DeadlineTunables tunables = new DeadlineTunables(p.getLong(READ_EXPIRE) * 1_000_000L,
                p.getLong(WRITE_EXPIRE) * 1_000_000L, p.getInt(FIFO_BATCH), p.getInt(WRITES_STARVED));
        Merging merging = new Merging(!p.getBoolean(NOMERGES), p.getInt(MAX_SECTORS_KB) * 1024);
        boolean guest = setup.role() == BlockLayerSetup.Role.GUEST;
        int group = p.getInt(CPU_GROUP_SIZE);
        int groupSize = group > 0 ? group : guest ? 1 : cpus;
        IpiCosts ipi = guest ? IpiCosts.guest(setup.platform().costs())
                : new IpiCosts(p.getLong(HOST_IPI_SEND), p.getLong(HOST_IPI_LATENCY), p.getLong(HOST_IPI_RECEIVE));
        return new BlkMqConfig(depths, reserved, p.getBoolean(SHARED_TAGS), map,
                p.getString(SCHEDULER).equals("mq-deadline"), tunables, merging, p.getBoolean(PLUG),
                p.getInt(RQ_AFFINITY), groupSize, ipi);
    }

    /** Tag depth per hardware queue: the driver's, or the one asked for, which must fit every queue used. */
    private static int[] depths(int asked, boolean shared, BlockDriver driver, int queues) {
        int smallest = Integer.MAX_VALUE;
        int[] depths = new int[queues];
        for (int q = 0; q < queues; q++) {
            int d = driver.queueDepth(q);
            if (d < 1) {
                throw new IllegalArgumentException("hardware queue " + q + " of the driver has depth " + d
                        + "; a hardware queue needs a depth of at least 1");
            }
            depths[q] = d;
            smallest = Math.min(smallest, d);
        }
        if (asked == -1) {
            if (shared) {
                Arrays.fill(depths, smallest);
            }
            return depths;
        }
        if (asked < 1 || asked > smallest) {
            throw new IllegalArgumentException(QUEUE_DEPTH + "=" + asked + " does not fit the driver's hardware queues"
                    + " (smallest depth " + smallest + "); allowed: 1 to " + smallest + ", or -1 for the driver's depth");
        }
        Arrays.fill(depths, asked);
        return depths;
    }
}
