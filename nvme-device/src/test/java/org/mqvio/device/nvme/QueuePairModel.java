package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A submission and completion ring pair driven from both sides, checked against plain queues of command
 * ids: what the host placed and published, what the controller fetched (and completes in any order), what
 * it posted, and what the host consumed by phase tag.
 */
final class QueuePairModel {
    final int size;
    final SubmissionQueue sq;
    final CompletionQueue cq;
    private final ArrayDeque<Integer> placed = new ArrayDeque<>();
    private final ArrayDeque<Integer> published = new ArrayDeque<>();
    private final List<Integer> fetched = new ArrayList<>();
    private final ArrayDeque<Integer> posted = new ArrayDeque<>();
    /** For each posted entry, how many commands the controller had fetched when it posted it (its head). */
    private final ArrayDeque<Long> fetchedAtPost = new ArrayDeque<>();
    private long totalPlaced;
    private long totalFetched;
    private long reportedFetched;
    /** Entries consumed by the host whose slots the head doorbell has not released yet. */
    private int consumedUnreleased;
    private int nextCid;
    private long consumed;

    QueuePairModel(int size) {
        this.size = size;
        this.sq = new SubmissionQueue(1, size);
        this.cq = new CompletionQueue(1, size);
    }

    /** Host: place a command, or check that a full ring refuses it. */
    void place() {
        if (placedFromHostView() == size - 1) {
            assertThat(sq.isFull()).isTrue();
            assertThatThrownBy(() -> sq.place(Command.read(0, 0, 1, 0))).isInstanceOf(IllegalStateException.class);
            return;
        }
        int cid = nextCid++ & 0xFFFF;
        sq.place(Command.read(cid, cid * 8L, 1 + cid % 8, 0));
        placed.add(cid);
        totalPlaced++;
    }

    /** Host: write the tail doorbell. */
    void doorbell() {
        assertThat(sq.ringDoorbell(sq.tail())).isTrue();
        published.addAll(placed);
        placed.clear();
    }

    /** Controller: fetch one published command, which must be the oldest. */
    void fetch() {
        if (published.isEmpty()) {
            assertThat(sq.available()).isZero();
            return;
        }
        Command c = new Command();
        sq.fetch(c);
        int expected = published.poll();
        assertThat(c.cid()).as("fetched command id").isEqualTo(expected);
        assertThat(c.slba()).isEqualTo(expected * 8L);
        assertThat(c.blocks()).isEqualTo(1 + expected % 8);
        fetched.add(c.cid());
        totalFetched++;
    }

    /** Controller: complete the {@code pick}-th fetched command (any order), or check a full ring refuses it. */
    void post(int pick) {
        if (fetched.isEmpty()) {
            return;
        }
        int cid = fetched.get(pick % fetched.size());
        boolean full = posted.size() + consumedUnreleased == size - 1;
        boolean ok = cq.post(new CompletionEntry(cid, sq.head(), 1, cid, cid % 3));
        assertThat(ok).as("post into a ring with %d of %d slots taken", posted.size() + consumedUnreleased, size)
                .isEqualTo(!full);
        if (ok) {
            fetched.remove(Integer.valueOf(cid));
            posted.add(cid);
            fetchedAtPost.add(totalFetched);
        }
    }

    /** Host: consume one entry if its phase says it is new. */
    void poll() {
        CompletionEntry e = new CompletionEntry();
        boolean polled = cq.poll(e);
        if (posted.isEmpty()) {
            assertThat(polled).as("a stale entry read as new").isFalse();
            return;
        }
        int expected = posted.poll();
        assertThat(polled).as("a posted entry was not seen").isTrue();
        assertThat(e.cid()).isEqualTo(expected);
        assertThat(e.dw0()).isEqualTo(expected);
        assertThat(e.status()).isEqualTo(expected % 3);
        reportedFetched = fetchedAtPost.poll();
        assertThat(e.sqHead()).as("reported head").isEqualTo((int) (reportedFetched % size));
        sq.headReported(e.sqHead());
        consumedUnreleased++;
        consumed++;
    }

    /** Host: write the completion head doorbell. */
    void headDoorbell() {
        assertThat(cq.ringHeadDoorbell(cq.head())).isTrue();
        consumedUnreleased = 0;
    }

    void checkInvariants() {
        assertThat(sq.available()).isEqualTo(published.size());
        assertThat(sq.placed()).isEqualTo(placedFromHostView());
        assertThat(cq.occupied()).isEqualTo(posted.size() + consumedUnreleased);
        assertThat(sq.ringDoorbell(size)).as("a doorbell outside the ring is refused").isFalse();
        assertThat(cq.ringHeadDoorbell(-1)).isFalse();
    }

    /** Entries in the ring as the host sees it: placed and not reported fetched by a consumed entry. */
    private int placedFromHostView() {
        return (int) (totalPlaced - reportedFetched);
    }

    long consumed() {
        return consumed;
    }

    /** Drains everything through both rings and checks nothing is lost. */
    void drainAndCheck() {
        doorbell();
        while (!published.isEmpty() || !fetched.isEmpty() || !posted.isEmpty()) {
            fetch();
            post(0);
            poll();
            headDoorbell();
        }
        assertThat(cq.poll(new CompletionEntry())).isFalse();
        assertThat(sq.available()).isZero();
    }
}
