package org.mqvio.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class EventKernelTest {

    @Property
    void firesInTimeThenSchedulingOrder(@ForAll @Size(max = 300) List<@LongRange(max = 50) Long> delays) {
        EventKernel k = new EventKernel(16);
        List<long[]> fired = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            long seq = i;
            k.schedule(delays.get(i), () -> fired.add(new long[] {k.now(), seq}));
        }
        while (k.step()) {
            // drain
        }
        assertThat(fired).hasSize(delays.size());
        for (int i = 1; i < fired.size(); i++) {
            long[] a = fired.get(i - 1);
            long[] b = fired.get(i);
            assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]))
                    .as("event %s fired before %s", a[1], b[1]).isTrue();
        }
        for (long[] f : fired) {
            assertThat(f[0]).isEqualTo(delays.get((int) f[1]));
        }
    }

    @Property
    void eventsScheduledWhileFiringKeepTheOrder(@ForAll @Size(min = 1, max = 100) List<@LongRange(max = 20) Long> delays) {
        EventKernel k = new EventKernel();
        List<Long> times = new ArrayList<>();
        int[] next = {0};
        Runnable[] chain = new Runnable[1];
        chain[0] = () -> {
            times.add(k.now());
            if (next[0] < delays.size()) {
                k.schedule(delays.get(next[0]++), chain[0]);
            }
        };
        k.schedule(0, chain[0]);
        k.runUntil(Long.MAX_VALUE);
        assertThat(times).isSorted().hasSize(delays.size() + 1);
        assertThat(times.get(times.size() - 1)).isEqualTo(delays.stream().mapToLong(Long::longValue).sum());
    }

    @Example
    void runUntilStopsAtTheLimitAndAdvancesTheClock() {
        EventKernel k = new EventKernel();
        List<Long> t = new ArrayList<>();
        k.schedule(10, () -> t.add(k.now()));
        k.schedule(30, () -> t.add(k.now()));
        assertThat(k.runUntil(20)).isEqualTo(1);
        assertThat(t).containsExactly(10L);
        assertThat(k.now()).isEqualTo(20);
        assertThat(k.pending()).isEqualTo(1);
    }

    @Example
    void digestDependsOnWhatFired() {
        EventKernel a = new EventKernel();
        EventKernel b = new EventKernel();
        a.schedule(5, () -> { });
        b.schedule(6, () -> { });
        a.step();
        b.step();
        assertThat(a.digest()).isNotEqualTo(b.digest());
    }

    @Example
    void negativeDelayIsRejected() {
        assertThatThrownBy(() -> new EventKernel().schedule(-1, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    }
}
