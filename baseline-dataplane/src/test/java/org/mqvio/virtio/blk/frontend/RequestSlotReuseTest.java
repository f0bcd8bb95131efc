package org.mqvio.virtio.blk.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * A request slot's chain token and buffers are reused, never while the slot still carries a request: a slot is
 * handed out only once released, and the completion handler releases it only after reading what it needs.
 */
class RequestSlotReuseTest {

    @Test
    void aSlotIsHandedOutAgainOnlyOnceReleasedOldestReleaseFirst() {
        RequestSlots slots = new RequestSlots(1L << 20, 4);
        List<VirtioBlkFrontend.Chain> chains = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chains.add(slots.allocate(request(i), 1));
        }
        assertThat(chains).extracting(c -> c.slot).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(() -> slots.allocate(request(9), 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no free request slot");

        slots.release(chains.get(2));
        slots.release(chains.get(0));
        VirtioBlkFrontend.Chain again = slots.allocate(request(10), 1);
        assertThat(again).as("the slot released first, its token reused").isSameAs(chains.get(2));
        assertThat(again.request.id()).isEqualTo(10);
        assertThat(again.header.address()).isEqualTo((1L << 20) + 2 * 32);
        assertThat(slots.allocate(request(11), 1)).isSameAs(chains.get(0));

        slots.release(chains.get(3));
        assertThatThrownBy(() -> slots.release(chains.get(3))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released while free");
    }

    /**
     * Eight reads fill an 8-entry ring; the device completes them out of order while new reads reuse the slots
     * just freed, some dispatched from inside the completion handler (a block layer that runs its queue there):
     * every read completes once, with the status and the data the device gave that very read.
     */
    @Test
    void outOfOrderCompletionsReachTheirOwnRequestsWhileSlotsAreReused() {
        FrontendRig rig = new FrontendRig(8);
        ExecutionContext vcpu0 = rig.vcpus.get(0);
        ExecutionContext vcpu1 = rig.vcpus.get(1);
        List<String> answers = new ArrayList<>();
        List<BlockRequest> sent = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            sent.add(rig.read(vcpu0, s, s == 7, answers));
        }
        rig.read(vcpu1, 8, true, answers);
        assertThat(answers).containsExactly("OK", "OK", "OK", "OK", "OK", "OK", "OK", "OK", "DEVICE_BUSY");
        answers.clear();

        rig.popAll();
        rig.onComplete = (context, r) -> sent.add(rig.read(context, 100 + r.sector(), true, answers));
        rig.push(5);
        rig.push(2);
        rig.push(7);
        rig.interrupt();
        rig.onComplete = (context, r) -> { };
        rig.popAll();
        for (long s : new long[] {107, 0, 102, 6, 1, 105, 4, 3}) {
            rig.push(s);
        }
        rig.interrupt();
        for (int s = 200; s < 208; s++) {
            sent.add(rig.read(vcpu1, s, s == 207, answers));
        }
        rig.popAll();
        for (long s = 207; s >= 200; s--) {
            rig.push(s);
        }
        rig.interrupt();

        assertThat(answers).hasSize(11).containsOnly("OK");
        assertThat(rig.completed).hasSize(sent.size()).containsExactlyInAnyOrderElementsOf(sent);
        for (BlockRequest r : rig.completed) {
            assertThat(r.status()).as("status of sector %d", r.sector()).isEqualTo(FrontendRig.statusFor(r.sector()));
            assertThat(r.data()).as("data of sector %d", r.sector()).containsOnly(FrontendRig.pattern(r.sector()));
        }
        assertThat(rig.slots.freeSlots()).isEqualTo(8);
        assertThat(rig.vq.freeDescriptors()).isEqualTo(8);
    }

    private static BlockRequest request(long id) {
        return BlockRequest.builder(Operation.READ).id(id).sector(id).length(512).completion((c, r) -> { }).build();
    }
}
