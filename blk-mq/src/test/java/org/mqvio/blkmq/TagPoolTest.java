package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TagPoolTest {

    /** A step: take a tag (ordinary or reserved class), or free the in-use tag at an index. */
    @Property(tries = 300)
    void tagsInUseNeverExceedTheDepthAndAreAllFreeAfterwards(@ForAll @IntRange(min = 1, max = 16) int depth,
                                                             @ForAll @IntRange(min = 0, max = 15) int reservedWish,
                                                             @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 99) Integer> steps) {
        int reserved = reservedWish % depth;
        TagPool pool = new TagPool(depth, reserved);
        List<Integer> held = new ArrayList<>();
        for (int step : steps) {
            if (step < 60) {
                boolean reservedClass = step % 3 == 0;
                int tag = pool.tryGet(reservedClass);
                if (tag >= 0) {
                    assertThat(held).doesNotContain(tag);
                    if (!reservedClass) {
                        assertThat(tag).as("an ordinary request never takes a reserved tag").isGreaterThanOrEqualTo(reserved);
                    }
                    held.add(tag);
                } else {
                    assertThat(held.stream().filter(t -> t >= reserved).count()).as("ordinary tags all in use")
                            .isEqualTo(depth - reserved);
                }
            } else if (!held.isEmpty()) {
                pool.put(held.remove(step % held.size()));
            }
            assertThat(pool.inUse()).isEqualTo(held.size()).isLessThanOrEqualTo(depth);
        }
        held.forEach(pool::put);
        assertThat(pool.inUse()).isZero();
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            all.add(pool.tryGet(true));
        }
        assertThat(all).as("every tag is free again").hasSize(depth).doesNotContain(-1);
    }

    @Example
    void freeingATagTwiceIsABug() {
        TagPool pool = new TagPool(2, 0);
        int t = pool.tryGet(false);
        pool.put(t);
        assertThatThrownBy(() -> pool.put(t)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not in use");
    }

    @Example
    void badDepthsAreRejectedNamingTheAllowedRange() {
        assertThatThrownBy(() -> new TagPool(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new TagPool(4, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed: 0 to 3");
    }
}
