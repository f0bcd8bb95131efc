package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mqvio.api.Operation;

class NoneSchedulerTest {

    /** Each value: below 70 inserts a request from CPU value % 4, else dispatches one. */
    @Property(tries = 300)
    void requestsLeaveInTheOrderTheyEnteredWhicheverCpuTheyCameFrom(
            @ForAll @Size(max = 150) List<@IntRange(min = 0, max = 99) Integer> steps) {
        Merging merging = new Merging(true, 512 * 1024);
        FifoQueue[] sw = new FifoQueue[4];
        for (int c = 0; c < 4; c++) {
            sw[c] = new FifoQueue(merging);
        }
        NoneScheduler scheduler = new NoneScheduler(sw, List.of(0, 1, 2, 3));
        long seq = 0;
        long lastOut = -1;
        List<LayerRequest> inside = new ArrayList<>();
        for (int step : steps) {
            if (step < 70) {
                int cpu = step % 4;
                LayerRequest r = new LayerRequest(Requests.bio(seq, Operation.READ, seq * 1000, 4096, cpu));
                r.seq = seq++;
                scheduler.insert(r, 0);
                inside.add(r);
                assertThat(scheduler.someCpu()).isEqualTo(inside.get(0).cpu());
            } else {
                LayerRequest out = scheduler.next(0);
                if (inside.isEmpty()) {
                    assertThat(out).isNull();
                } else {
                    assertThat(out).isSameAs(inside.remove(0));
                    assertThat(out.seq).isGreaterThan(lastOut);
                    lastOut = out.seq;
                }
            }
            assertThat(scheduler.size()).isEqualTo(inside.size());
        }
    }

    @Property(tries = 50)
    void aBioMergesOnlyIntoItsOwnCpusQueue(@ForAll @IntRange(min = 0, max = 3) int cpu) {
        Merging merging = new Merging(true, 512 * 1024);
        FifoQueue[] sw = {new FifoQueue(merging), new FifoQueue(merging), new FifoQueue(merging), new FifoQueue(merging)};
        NoneScheduler scheduler = new NoneScheduler(sw, List.of(0, 1, 2, 3));
        LayerRequest r = new LayerRequest(Requests.bio(1, Operation.READ, 0, 4096, 1));
        scheduler.insert(r, 0);
        boolean merged = scheduler.merge(Requests.bio(2, Operation.READ, 8, 4096, cpu), cpu);
        assertThat(merged).isEqualTo(cpu == 1);
        assertThat(scheduler.size()).isEqualTo(1);
    }
}
