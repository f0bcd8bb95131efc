package org.mqvio.api.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    private static final Counter ADDED = Counter.declare("added", Unit.EVENTS, "chains made available");
    private static final Counter KICKS = Counter.declare("kicks", Unit.EVENTS, "kicks the driver sent");
    private static final Counter WAIT_NS = Counter.declare("wait_ns", Unit.NANOSECONDS, "time waited");
    private static final CounterSet QUEUE = CounterSet.of(ADDED, KICKS);

    private static Statistics queue(long added, long kicks) {
        return Statistics.builder(QUEUE).put(ADDED, added).put(KICKS, kicks).build();
    }

    @Test
    void aMisspeltCounterFailsNamingItAndWhatIsDeclared() {
        Counter misspelt = Counter.declare("kiks", Unit.EVENTS, "kicks the driver sent");
        assertThatThrownBy(() -> queue(3, 2).get(misspelt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no counter 'kiks' is declared here; declared: [added, kicks]");
        assertThatThrownBy(() -> QUEUE.named("kiks")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no counter named 'kiks'; declared: [added, kicks]");
    }

    @Test
    void aCounterOfTheSameNameDeclaredElsewhereIsNotRead() {
        Counter otherKicks = Counter.declare("kicks", Unit.EVENTS, "paravirt kicks sent to halted waiters");
        assertThatThrownBy(() -> queue(3, 2).get(otherKicks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kicks' (paravirt kicks sent to halted waiters) is not the 'kicks' declared"
                        + " here (kicks the driver sent)");
        assertThat(queue(3, 2).declares(otherKicks)).isFalse();
        assertThat(queue(3, 2).get(Counter.declare("kicks", Unit.EVENTS, "kicks the driver sent")))
                .as("the same declaration, made again").isEqualTo(2);
    }

    @Test
    void aSnapshotKeepsTheDeclarationOrder() {
        Statistics s = queue(3, 2);
        assertThat(s.get(ADDED)).isEqualTo(3);
        assertThat(s.get(QUEUE.named("kicks"))).isEqualTo(2);
        assertThat(s).hasToString("{added=3, kicks=2}");
        assertThat(s.counters().counters()).containsExactly(ADDED, KICKS);
    }

    @Test
    void theBuilderTakesEachDeclaredCounterOnce() {
        assertThatThrownBy(() -> Statistics.builder(QUEUE).put(WAIT_NS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'wait_ns'");
        assertThatThrownBy(() -> Statistics.builder(QUEUE).put(ADDED, 1).put(ADDED, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'added' given twice");
        assertThatThrownBy(() -> Statistics.builder(QUEUE).put(ADDED, 1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'kicks' is declared but was not given");
    }

    @Test
    void aSetRefusesTwoCountersOfOneNameAndBadNames() {
        assertThatThrownBy(() -> QUEUE.and(Counter.declare("added", Unit.ITEMS, "something else")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'added' declared twice");
        assertThatThrownBy(() -> Counter.declare("Kicks", Unit.EVENTS, "kicks"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Counter.declare("kicks", Unit.EVENTS, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsSubtractAndAddUp() {
        assertThat(queue(10, 4).minus(queue(3, 1))).isEqualTo(queue(7, 3));
        assertThatThrownBy(() -> queue(1, 1).minus(Statistics.zeros(CounterSet.of(WAIT_NS))))
                .isInstanceOf(IllegalArgumentException.class);
        Statistics lock = Statistics.builder(CounterSet.of(WAIT_NS)).put(WAIT_NS, 5).build();
        assertThat(Statistics.total(KICKS, List.of(queue(1, 2), queue(1, 3)))).isEqualTo(5);
        assertThat(Statistics.total(KICKS, List.of())).isZero();
        assertThatThrownBy(() -> Statistics.total(KICKS, List.of(queue(1, 2), lock)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kicks'");
        assertThat(Statistics.totalWhereDeclared(KICKS, List.of(queue(1, 2), lock))).isEqualTo(2);
    }

    @Test
    void aScopedCounterIsNamedAfterItsScopeAndIsTheSameEachTime() {
        Counter hwq0 = KICKS.in("hwq0");
        assertThat(hwq0.name()).isEqualTo("hwq0_kicks");
        assertThat(hwq0.unit()).isEqualTo(Unit.EVENTS);
        assertThat(hwq0).isEqualTo(KICKS.in("hwq0")).isNotEqualTo(KICKS);
        assertThat(QUEUE.in("iothread").counters()).extracting(Counter::name)
                .containsExactly("iothread_added", "iothread_kicks");
    }
}
