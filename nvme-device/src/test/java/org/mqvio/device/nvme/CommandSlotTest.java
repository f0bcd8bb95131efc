package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A controller's command slot is in service from its fetch to its completion's posting, once each. */
class CommandSlotTest {
    @Test
    void aSlotTakenInServiceOrFreedTwiceThrows() {
        CommandSlot slot = new CommandSlot(1, s -> { });
        slot.take();
        assertThatThrownBy(slot::take).isInstanceOf(IllegalStateException.class).hasMessageContaining("still in service");
        slot.free();
        // a second completion posted for the same command would free the slot twice and put it on the free list twice
        assertThatThrownBy(slot::free).isInstanceOf(IllegalStateException.class).hasMessageContaining("freed twice");
        slot.take();
    }
}
