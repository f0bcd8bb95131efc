package org.mqvio.dataplane.mq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The adaptive poll window follows QEMU's rules: grow on a block it nearly caught, shrink on one past the ceiling. */
class AdaptivePollWindowTest {

    @Test
    void growsByTheFactorUpToTheCeilingWhenABlockEndsBetweenWindowAndCeiling() {
        AdaptivePollWindow w = new AdaptivePollWindow(PollOptions.adaptive(32_000, 2, 0));
        assertThat(w.windowNs()).isEqualTo(4_000);
        w.afterBlock(5_000);
        assertThat(w.windowNs()).isEqualTo(8_000);
        w.afterBlock(20_000);
        w.afterBlock(20_000);
        assertThat(w.windowNs()).isEqualTo(32_000);
        w.afterBlock(32_000);
        assertThat(w.windowNs()).as("a block within the window changes nothing").isEqualTo(32_000);
        assertThat(w.grown()).isEqualTo(3);
        assertThat(w.shrunk()).isZero();
    }

    @Test
    void aBlockWithinTheWindowChangesNothing() {
        AdaptivePollWindow w = new AdaptivePollWindow(PollOptions.adaptive(32_000, 2, 0));
        w.afterBlock(4_000);
        assertThat(w.windowNs()).isEqualTo(4_000);
        assertThat(w.grown()).isZero();
    }

    @Test
    void aBlockPastTheCeilingResetsTheWindowOrDividesIt() {
        AdaptivePollWindow reset = new AdaptivePollWindow(PollOptions.adaptive(32_000, 2, 0));
        reset.afterBlock(40_000);
        assertThat(reset.windowNs()).isZero();
        reset.afterBlock(100);
        assertThat(reset.windowNs()).as("from 0 it starts again at the initial window").isEqualTo(4_000);

        AdaptivePollWindow halve = new AdaptivePollWindow(PollOptions.adaptive(32_000, 4, 2));
        halve.afterBlock(10_000);
        assertThat(halve.windowNs()).isEqualTo(16_000);
        halve.afterBlock(1_000_000);
        assertThat(halve.windowNs()).isEqualTo(8_000);
        assertThat(halve.shrunk()).isEqualTo(1);
    }

    @Test
    void pollingAlwaysHasNoEnd() {
        AdaptivePollWindow w = new AdaptivePollWindow(PollOptions.always());
        w.afterBlock(1_000_000_000);
        assertThat(w.windowNs()).isEqualTo(Long.MAX_VALUE);
        assertThat(w.grown() + w.shrunk()).isZero();
    }
}
