package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CpuQueueMapTest {

    @Property
    void theSpreadUsesEveryQueueItCanAndGroupsNeighbours(@ForAll @IntRange(min = 1, max = 64) int cpus,
                                                        @ForAll @IntRange(min = 1, max = 64) int queues) {
        CpuQueueMap map = CpuQueueMap.spread(cpus, queues);
        Set<Integer> used = new HashSet<>();
        for (int c = 0; c < cpus; c++) {
            int q = map.queueOf(c);
            assertThat(q).isBetween(0, queues - 1);
            if (c > 0) {
                assertThat(q).as("neighbouring CPUs share or follow queues").isGreaterThanOrEqualTo(map.queueOf(c - 1));
            }
            used.add(q);
        }
        assertThat(used).hasSize(Math.min(cpus, queues));
        if (cpus <= queues) {
            for (int c = 0; c < cpus; c++) {
                assertThat(map.queueOf(c)).isEqualTo(c);
            }
        }
    }

    @Example
    void aGivenMapIsTakenAsIs() {
        CpuQueueMap map = CpuQueueMap.parse("blk-mq.cpu_map", "0, 0,1,1", 4, 2);
        assertThat(map.queueOf(1)).isZero();
        assertThat(map.queueOf(2)).isEqualTo(1);
        assertThat(map.cpusOf(1)).containsExactly(2, 3);
        assertThat(CpuQueueMap.parse("blk-mq.cpu_map", " ", 3, 2).queueOf(2)).isEqualTo(1);
    }

    @Example
    void aMapNamingAMissingQueueIsRejectedWithTheAllowedRange() {
        assertThatThrownBy(() -> CpuQueueMap.parse("blk-mq.cpu_map", "0,0,1,2", 4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 3 to hardware queue 2, which does not exist")
                .hasMessageContaining("each in 0..1");
        assertThatThrownBy(() -> CpuQueueMap.parse("blk-mq.cpu_map", "0,-1", 2, 2))
                .hasMessageContaining("each in 0..1");
    }

    @Example
    void aMapOfTheWrongLengthOrNotNumbersIsRejected() {
        assertThatThrownBy(() -> CpuQueueMap.parse("blk-mq.cpu_map", "0,1", 4, 2))
                .hasMessageContaining("maps 2 CPUs but the block layer has 4").hasMessageContaining("for example 0,0,1,1");
        assertThatThrownBy(() -> CpuQueueMap.parse("blk-mq.cpu_map", "0,x", 2, 2))
                .hasMessageContaining("'x' (CPU 1) is not a queue number");
    }
}
