package org.mqvio.virtio.blk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The IoThread's list of completed requests gives each request once, in the order the adds took effect. */
class CompletedRequestsTest {

    @Test
    void requestsComeOutInTheOrderTheyWereAddedAcrossTakes() {
        CompletedRequests list = new CompletedRequests();
        List<ParsedRequest> r = requests(0, 5);
        assertThat(list.isEmpty()).isTrue();
        list.add(r.get(0));
        list.add(r.get(1));
        assertThat(headOf(list.poll())).isEqualTo(0);
        list.add(r.get(2));
        list.add(r.get(3));
        assertThat(headOf(list.poll())).isEqualTo(1);
        list.add(r.get(4));
        assertThat(List.of(headOf(list.poll()), headOf(list.poll()), headOf(list.poll()))).containsExactly(2, 3, 4);
        assertThat(list.poll()).isNull();
        assertThat(list.isEmpty()).isTrue();
        list.add(r.get(0));
        assertThat(headOf(list.poll())).as("a request taken may be added again").isEqualTo(0);
    }

    /** Four threads add while the taker polls: every request comes out once, each thread's in its own order. */
    @Test
    void concurrentAddersLoseNothingAndKeepTheirOrder() throws InterruptedException {
        int adders = 4;
        int each = 20_000;
        CompletedRequests list = new CompletedRequests();
        List<List<ParsedRequest>> byAdder = new ArrayList<>();
        for (int a = 0; a < adders; a++) {
            byAdder.add(requests(a * each, each));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < adders; a++) {
            List<ParsedRequest> mine = byAdder.get(a);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                mine.forEach(list::add);
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        int[] next = new int[adders];
        int seen = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (seen < adders * each && System.nanoTime() < deadline) {
            ParsedRequest p = list.poll();
            if (p == null) {
                Thread.onSpinWait();
                continue;
            }
            int adder = p.head() / each;
            assertThat(p.head()).as("adder %d's next request", adder).isEqualTo(byAdder.get(adder).get(next[adder]).head());
            next[adder]++;
            seen++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).isEqualTo(adders * each);
        assertThat(list.poll()).isNull();
    }

    private static int headOf(ParsedRequest p) {
        return p == null ? -1 : p.head();
    }

    /** {@code n} requests whose heads are {@code first} to {@code first + n - 1}. */
    private static List<ParsedRequest> requests(int first, int n) {
        List<ParsedRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ParsedRequest(null, null, first + i));
        }
        return out;
    }
}
