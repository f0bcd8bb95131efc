package org.mqvio.blkmq;

/**
 * mq-deadline's tunables, named as in {@code /sys/block/DEV/queue/iosched/}.
 *
 * @param readExpireNs  how long a read may wait before it is served ahead of the sector order
 * @param writeExpireNs the same for writes
 * @param fifoBatch     requests dispatched in one batch before the direction and expiry are checked again
 * @param writesStarved read batches that may pass while writes wait before a write batch is forced
 */
record DeadlineTunables(long readExpireNs, long writeExpireNs, int fifoBatch, int writesStarved) {
    /** Linux's defaults: read_expire 500 ms, write_expire 5 s, fifo_batch 16, writes_starved 2. */
    static final DeadlineTunables LINUX = new DeadlineTunables(500_000_000L, 5_000_000_000L, 16, 2);

    DeadlineTunables {
        if (readExpireNs < 0 || writeExpireNs < 0) {
            throw new IllegalArgumentException("mq-deadline expiry times must be >= 0, were read=" + readExpireNs
                    + " ns write=" + writeExpireNs + " ns");
        }
        if (fifoBatch < 1) {
            throw new IllegalArgumentException("mq-deadline fifo_batch=" + fifoBatch + "; allowed: 1 or more");
        }
        if (writesStarved < 0) {
            throw new IllegalArgumentException("mq-deadline writes_starved=" + writesStarved + "; allowed: 0 or more");
        }
    }
}
