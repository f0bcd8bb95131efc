package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;

class StaticRequestsTest {

    @Test
    void aRequestGivenBackIsReusedAsNewAndOnlyOneInUseIsNever() {
        StaticRequests set = new StaticRequests();
        LayerRequest a = set.take(Requests.read(1, 80));
        LayerRequest b = set.take(Requests.read(2, 160));
        assertThat(b).isNotSameAs(a);
        a.tag = 5;
        a.seq = 9;
        assertThat(ON.tryMerge(a, Requests.read(3, 88))).isEqualTo(LayerRequest.MergeKind.BACK);
        set.give(a);
        LayerRequest c = set.take(Requests.write(4, 8));
        assertThat(c).as("the free one, reused").isSameAs(a);
        assertThat(c.originals()).extracting(BlockRequest::id).containsExactly(4L);
        assertThat(c.sector()).isEqualTo(8);
        assertThat(c.length()).isEqualTo(4096);
        assertThat(c.tag).isEqualTo(-1);
        assertThat(c.seq).isZero();
        assertThat(c.dispatchedAs()).isNull();
        assertThat(set.take(Requests.read(5, 0))).as("none free: a new one").isNotIn(a, b);
        assertThat(set.made()).isEqualTo(3);
        assertThatThrownBy(() -> b.reuse(Requests.read(6, 0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still in use");
        set.give(b);
        assertThatThrownBy(() -> set.give(b)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("given back twice");
    }

    private static final Merging ON = new Merging(true, 1 << 20);
}
