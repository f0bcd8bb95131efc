package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * The read-your-writes check on hand-made logs (no memory-backed device exists yet): it accepts what a correct
 * device returns, in sequence or with overlaps, and rejects stale, foreign, zeroed or damaged data.
 */
class ReadYourWritesTest {
    private EventLog log = new EventLog();
    private int next;

    private long submit(long t, Operation op, long sector, int sectors) {
        long id = RequestIds.of(0, next++);
        log.add(new Event.Submitted(t, id, 0, op, sector, sectors * BlockRequest.SECTOR_SIZE, false));
        return id;
    }

    private void complete(long t, long id, Status status, byte[] data) {
        log.add(new Event.Completed(t, id, status, data));
    }

    private long write(long from, long to, long sector, int sectors) {
        long id = submit(from, Operation.WRITE, sector, sectors);
        complete(to, id, Status.OK, null);
        return id;
    }

    private void read(long from, long to, long sector, byte[] data) {
        complete(to, submit(from, Operation.READ, sector, data.length / BlockRequest.SECTOR_SIZE), Status.OK, data);
    }

    private static byte[] dataOf(long writer, long sector, int sectors) {
        return Payload.of(writer, sector, sectors);
    }

    @Example
    void aReadAfterAWriteSeesIt() {
        long w = write(0, 10, 0, 2);
        read(20, 30, 0, dataOf(w, 0, 2));
        assertThat(ReadYourWrites.check(log)).isEmpty();
    }

    @Example
    void aReadOfOverwrittenDataIsStale() {
        long w1 = write(0, 10, 0, 1);
        write(11, 20, 0, 1);
        read(30, 40, 0, dataOf(w1, 0, 1));
        assertThat(ReadYourWrites.check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("read #0.2 returned data of #0.0 for sector 0 at sector 0").contains("allowed: data of #0.1"));
    }

    @Example
    void overlappingWritesMayLandInEitherOrder() {
        long w1 = write(0, 20, 0, 1);
        long w2 = write(5, 15, 0, 1);
        read(30, 40, 0, dataOf(w1, 0, 1));
        read(30, 40, 0, dataOf(w2, 0, 1));
        assertThat(ReadYourWrites.check(log)).isEmpty();
    }

    @Example
    void aWriteInFlightDuringTheReadMayOrMayNotBeSeen() {
        long w1 = write(0, 10, 0, 1);
        long w2 = submit(15, Operation.WRITE, 0, 1);
        read(20, 30, 0, dataOf(w1, 0, 1));
        read(20, 30, 0, dataOf(w2, 0, 1));
        complete(35, w2, Status.OK, null);
        assertThat(ReadYourWrites.check(log)).isEmpty();
    }

    @Example
    void aTimedOutWriteLandingAfterALaterWriteIsCaught() {
        // The device completed the first write with a timeout but executed it later, after a newer write: the
        // driver completed a request whose command the device still held (what NVMe's model did before its
        // timeout handling waited for the Abort).
        long timedOut = submit(0, Operation.WRITE, 0, 1);
        complete(10, timedOut, Status.TIMEOUT, null);
        long newer = write(20, 30, 0, 1);
        read(40, 50, 0, dataOf(timedOut, 0, 1));
        assertThat(ReadYourWrites.check(log)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("returned data of #0.0").contains("allowed: data of #0.1"));
        read(40, 50, 0, dataOf(newer, 0, 1));
        assertThat(ReadYourWrites.check(log)).hasSize(1);
    }

    @Example
    void writeZeroesReadsBackAsZeroesAndDiscardAsAnything() {
        write(0, 10, 0, 2);
        complete(20, submit(11, Operation.WRITE_ZEROES, 0, 1), Status.OK, null);
        complete(20, submit(11, Operation.DISCARD, 1, 1), Status.OK, null);
        byte[] got = new byte[2 * BlockRequest.SECTOR_SIZE];
        got[BlockRequest.SECTOR_SIZE + 7] = 42;
        read(30, 40, 0, got);
        assertThat(ReadYourWrites.check(log)).isEmpty();
    }

    @Example
    void dataForAnotherSectorOrDamagedDataIsWrong() {
        long w = write(0, 10, 0, 2);
        byte[] shifted = dataOf(w, 1, 1);
        read(20, 30, 0, shifted);
        byte[] damaged = dataOf(w, 0, 1);
        damaged[300] ^= 1;
        read(20, 30, 0, damaged);
        assertThat(ReadYourWrites.check(log)).hasSize(2);
    }

    @Example
    void aReadThatReturnsNoDataIsWrong() {
        write(0, 10, 0, 1);
        complete(30, submit(20, Operation.READ, 0, 1), Status.OK, null);
        assertThat(ReadYourWrites.check(log)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("returned no data"));
    }

    @Provide
    Arbitrary<List<int[]>> sequences() {
        return Arbitraries.integers().between(0, 3).array(int[].class).ofSize(2).list().ofMinSize(1).ofMaxSize(30);
    }

    /**
     * Against a model: one operation at a time ({@code [0, sector]} writes, {@code [1, sector]} reads, on four
     * sectors), a read returning the model's data passes; replacing the data of the {@code corrupt}-th read that
     * could be stale with the sector's first write (overwritten since) fails, once.
     */
    @Property(tries = 200)
    void aSequentialHistoryPassesAndOneStaleReadFails(@ForAll("sequences") List<int[]> ops,
                                                      @ForAll @IntRange(max = 3) int corrupt) {
        log = new EventLog();
        next = 0;
        Map<Integer, List<Long>> writes = new HashMap<>();
        List<Integer> staleable = new ArrayList<>();
        long t = 0;
        int index = 0;
        for (int[] op : ops) {
            int sector = op[1];
            List<Long> history = writes.computeIfAbsent(sector, s -> new ArrayList<>());
            if (op[0] % 2 == 0) {
                history.add(write(t, t + 5, sector, 1));
            } else if (!history.isEmpty()) {
                long latest = history.get(history.size() - 1);
                boolean stale = history.size() > 1 && staleable.size() == corrupt;
                long shown = stale ? history.get(0) : latest;
                if (history.size() > 1) {
                    staleable.add(index);
                }
                read(t, t + 5, sector, dataOf(shown, sector, 1));
            }
            t += 10;
            index++;
        }
        boolean corrupted = staleable.size() > corrupt;
        assertThat(ReadYourWrites.check(log)).hasSize(corrupted ? 1 : 0);
        Statistics.collect(corrupted ? "one stale read" : "every read fresh");
        Statistics.coverage(c -> c.check("one stale read").count((Integer n) -> n >= 20));
    }
}
