package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mqvio.api.Operation;

class DeadlineSchedulerTest {
    private static final Merging NO_MERGES = new Merging(false, 512 * 1024);

    /**
     * A logical clock and a stream of steps: insert a read or a write at a random sector, let time pass, or
     * dispatch one. Every request comes out exactly once, and after a request has expired at most the rest of
     * one batch ({@code fifo_batch - 1} requests) with a later deadline goes out before it.
     */
    @Property(tries = 500)
    void everyRequestLeavesOnceAndNoneWaitsPastItsExpiryByMoreThanOneBatch(
            @ForAll @IntRange(min = 1, max = 60) int readExpire,
            @ForAll @IntRange(min = 1, max = 200) int writeExpire,
            @ForAll @IntRange(min = 1, max = 8) int fifoBatch,
            @ForAll @IntRange(min = 0, max = 3) int writesStarved,
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 99) Integer> steps) {
        DeadlineScheduler scheduler = new DeadlineScheduler(
                new DeadlineTunables(readExpire, writeExpire, fifoBatch, writesStarved), NO_MERGES);
        long now = 0;
        long seq = 0;
        List<LayerRequest> out = new ArrayList<>();
        Map<LayerRequest, Long> dispatchedAt = new HashMap<>();
        int inserted = 0;
        for (int step : steps) {
            if (step < 45) {
                Operation op = step % 3 == 0 ? Operation.WRITE : Operation.READ;
                LayerRequest r = new LayerRequest(Requests.bio(seq, op, (step * 7919L + seq * 104729L) % 100_000 * 8,
                        4096, 0));
                r.seq = seq++;
                scheduler.insert(r, now);
                inserted++;
            } else if (step < 60) {
                now += step - 44;
            } else {
                LayerRequest r = scheduler.next(now);
                if (r != null) {
                    out.add(r);
                    dispatchedAt.put(r, now);
                }
                now++;
            }
        }
        LayerRequest r;
        while ((r = scheduler.next(now)) != null) {
            out.add(r);
            dispatchedAt.put(r, now);
            now++;
        }
        assertThat(out).hasSize(inserted).doesNotHaveDuplicates();
        assertThat(scheduler.size()).isZero();
        for (int i = 0; i < out.size(); i++) {
            LayerRequest victim = out.get(i);
            long overtakers = 0;
            for (int j = 0; j < i; j++) {
                LayerRequest x = out.get(j);
                if (dispatchedAt.get(x) >= victim.deadlineNs && x.deadlineNs > victim.deadlineNs) {
                    overtakers++;
                }
            }
            assertThat(overtakers).as("requests with later deadlines dispatched after %s expired", victim)
                    .isLessThanOrEqualTo(fifoBatch - 1);
        }
    }

    @Example
    void withoutExpiryWritesGetABatchAfterWritesStarvedReadBatches() {
        DeadlineScheduler scheduler = new DeadlineScheduler(new DeadlineTunables(1_000_000, 1_000_000, 2, 2), NO_MERGES);
        long seq = 0;
        for (int i = 0; i < 40; i++) {
            LayerRequest rd = new LayerRequest(Requests.read(seq, 8 * i));
            rd.seq = seq++;
            scheduler.insert(rd, 0);
            LayerRequest wr = new LayerRequest(Requests.write(seq, 8 * i + 4000));
            wr.seq = seq++;
            scheduler.insert(wr, 0);
        }
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            pattern.append(scheduler.next(0).operation() == Operation.READ ? 'R' : 'W');
        }
        assertThat(pattern).hasToString("RRRRWWRRRRWW");
    }

    @Example
    void aBatchSweepsUpInSectorOrderAndFlushBypassesTheSort() {
        DeadlineScheduler scheduler = new DeadlineScheduler(DeadlineTunables.LINUX, NO_MERGES);
        long[] sectors = {400, 100, 300, 200};
        for (int i = 0; i < sectors.length; i++) {
            LayerRequest r = new LayerRequest(Requests.read(i, sectors[i]));
            r.seq = i;
            scheduler.insert(r, 0);
        }
        LayerRequest flush = new LayerRequest(Requests.bio(9, Operation.FLUSH, 0, 0, 0));
        flush.seq = 9;
        scheduler.insert(flush, 0);
        assertThat(scheduler.next(0).operation()).isEqualTo(Operation.FLUSH);
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(scheduler.next(0).sector());
        }
        assertThat(order).containsExactly(100L, 200L, 300L, 400L);
    }

    /**
     * A batch's sweep goes on from where the last dispatched request stood even after that request is done with
     * and reused for a bio elsewhere ({@link StaticRequests}): the position is the scheduler's own.
     */
    @Example
    void theSweepGoesOnFromWhereItStoodWhenTheLastRequestIsReused() {
        DeadlineScheduler scheduler = new DeadlineScheduler(DeadlineTunables.LINUX, NO_MERGES);
        long[] sectors = {100, 200, 300};
        for (int i = 0; i < sectors.length; i++) {
            LayerRequest r = new LayerRequest(Requests.read(i, sectors[i]));
            r.seq = i;
            scheduler.insert(r, 0);
        }
        LayerRequest first = scheduler.next(0);
        assertThat(first.sector()).isEqualTo(100);
        StaticRequests set = new StaticRequests();
        set.give(first);
        assertThat(set.take(Requests.read(7, 250))).as("reused").isSameAs(first);
        assertThat(scheduler.next(0).sector()).as("the sweep's next after sector 100").isEqualTo(200);
        assertThat(scheduler.next(0).sector()).isEqualTo(300);
    }

    @Example
    void bioMergesAtEitherEndOfAWaitingRequestOfItsDirection() {
        DeadlineScheduler scheduler = new DeadlineScheduler(DeadlineTunables.LINUX, new Merging(true, 512 * 1024));
        LayerRequest r = new LayerRequest(Requests.read(1, 80));
        r.seq = 1;
        scheduler.insert(r, 0);
        assertThat(scheduler.merge(Requests.read(2, 88), 0)).isTrue();
        assertThat(scheduler.merge(Requests.read(3, 72), 0)).isTrue();
        assertThat(scheduler.merge(Requests.write(4, 96), 0)).as("other direction").isFalse();
        assertThat(scheduler.merge(Requests.read(5, 96), 0)).isTrue();
        assertThat(scheduler.size()).isEqualTo(1);
        LayerRequest out = scheduler.next(0);
        assertThat(out.sector()).isEqualTo(72);
        assertThat(out.size()).isEqualTo(4);
    }
}
