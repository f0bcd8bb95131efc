package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.Operation;

/** The staging FIFO on its ring array: order kept across wrap-around and growth; a merge looks newest first. */
class FifoQueueTest {
    private final Merging merging = new Merging(true, 512 * 1024);

    private static LayerRequest read(long id, long sector) {
        return new LayerRequest(Requests.bio(id, Operation.READ, sector, 4096, 0));
    }

    @Test
    void requestsLeaveInTheOrderTheyEnteredAcrossWrapAroundAndGrowth() {
        FifoQueue q = new FifoQueue(merging);
        List<Long> out = new ArrayList<>();
        long id = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 7 + round * 6; i++) {
                q.add(read(id, id * 1000));
                id++;
            }
            for (int i = 0; i < 5; i++) {
                out.add(q.poll().original(0).id());
            }
        }
        while (q.size() > 0) {
            out.add(q.poll().original(0).id());
        }
        assertThat(q.poll()).isNull();
        assertThat(out).hasSize((int) id);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).as("position " + i).isEqualTo(i);
        }
    }

    @Test
    void aBioMergesWithTheNewestOfTheLastEntriesAndNeverPastAFlush() {
        FifoQueue q = new FifoQueue(merging);
        for (int i = 0; i < 20; i++) {
            q.add(read(i, i * 1000L));
        }
        // Behind the newest entry (sector 19000, 8 sectors): merges there.
        assertThat(q.merge(Requests.bio(100, Operation.READ, 19_008, 4096, 0))).isTrue();
        // Behind an entry older than the last eight: not looked at.
        assertThat(q.merge(Requests.bio(101, Operation.READ, 10_008, 4096, 0))).isFalse();
        assertThat(q.merge(Requests.bio(102, Operation.READ, 12_008, 4096, 0))).isTrue();
        q.add(new LayerRequest(Requests.bio(103, Operation.FLUSH, 0, 0, 0)));
        assertThat(q.merge(Requests.bio(104, Operation.READ, 18_008, 4096, 0))).as("past a flush").isFalse();
    }
}
