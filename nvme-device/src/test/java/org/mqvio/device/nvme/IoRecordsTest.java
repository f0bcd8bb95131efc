package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

class IoRecordsTest {
    private static BlockRequest read(long id) {
        return BlockRequest.builder(Operation.READ).id(id).sector(8).length(4096).completion((c, r) -> { }).build();
    }

    @Test
    void aRecordGivenBackIsTakenAgainAndNoMoreAreMadeThanAreInUseAtOnce() {
        IoRecords records = new IoRecords(4, f -> { });
        InFlight a = records.take(read(1));
        InFlight b = records.take(read(2));
        assertThat(a).isNotSameAs(b);
        records.give(a);
        InFlight c = records.take(read(3));
        assertThat(c).isSameAs(a);
        assertThat(c.request.id()).isEqualTo(3);
        assertThat(c.cid).as("every field as new").isEqualTo(-1);
        records.give(b);
        records.give(c);
        for (int round = 0; round < 10; round++) {
            records.give(records.take(read(10 + round)));
        }
        assertThat(records.made()).isEqualTo(2);
    }

    @Test
    void takingMoreThanTheQueuesRoomIsRefused() {
        IoRecords records = new IoRecords(2, f -> { });
        records.take(read(1));
        records.take(read(2));
        assertThatThrownBy(() -> records.take(read(3))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all 2 I/O records");
    }

    @Test
    void aRecordGivenBackTwiceIsCaughtWhenItIsTakenWhileInUse() {
        IoRecords records = new IoRecords(4, f -> { });
        InFlight a = records.take(read(1));
        records.give(a);
        records.give(a);
        records.take(read(2));
        assertThatThrownBy(() -> records.take(read(3))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("while still in use");
    }
}
