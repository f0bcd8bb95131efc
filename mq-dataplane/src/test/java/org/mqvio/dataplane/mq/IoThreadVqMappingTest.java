package org.mqvio.dataplane.mq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.virtio.blk.dataplane.DataPlaneLayout;

/** The multi-queue layouts: round-robin, and {@code mq.mapping} parsed and checked as QEMU checks it. */
class IoThreadVqMappingTest {

    @Test
    void oneQueueAndOneThreadPerVcpuIsTheIdentity() {
        DataPlaneLayout layout = IoThreadVqMapping.roundRobin(4, 4, 4);
        assertThat(layout.queueToThread()).containsExactly(0, 1, 2, 3);
        assertThat(layout.queueToVcpu()).containsExactly(0, 1, 2, 3);
        assertThat(layout.threadNames()).containsExactly("iothread0", "iothread1", "iothread2", "iothread3");
    }

    @Test
    void roundRobinSpreadsQueuesOverThreadsAndInterruptsOverVcpus() {
        DataPlaneLayout layout = IoThreadVqMapping.roundRobin(6, 4, 2);
        assertThat(layout.queueToThread()).containsExactly(0, 1, 2, 3, 0, 1);
        assertThat(layout.queueToVcpu()).containsExactly(0, 1, 0, 1, 0, 1);
    }

    @Test
    void explicitListsPlaceEachQueueOnItsThread() {
        DataPlaneLayout layout = IoThreadVqMapping.parse(" a:0,2 ; b:1,3", 4, 4);
        assertThat(layout.threadNames()).containsExactly("a", "b");
        assertThat(layout.queueToThread()).containsExactly(0, 1, 0, 1);
        assertThat(layout.queueToVcpu()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void bareNamesTakeTheQueuesRoundRobinInTheOrderGiven() {
        DataPlaneLayout layout = IoThreadVqMapping.parse("io1;io0", 3, 2);
        assertThat(layout).isEqualTo(new DataPlaneLayout(3, 2, new int[] {0, 1, 0}, new int[] {0, 1, 0},
                List.of("io1", "io0")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a:0,1;a:2,3|duplicate IoThread name \"a\"",
        "a:0,1;b:2,4|vq index '4' for IoThread \"b\" must be an integer less than the number of virtqueues (4)",
        "a:0,1;b:2,x|vq index 'x' for IoThread \"b\" must be an integer",
        "a:0,1;b:1,2,3|cannot assign virtqueue 1 to IoThread \"b\" because it is already assigned to \"a\"",
        "a:0,1;b:2|virtqueue 3 is not assigned to any IoThread",
        "a:0,1,2,3;b|either every IoThread lists its virtqueues or none does",
        "a;b;c;d;e|names 5 IoThreads but there are only 4 virtqueues",
        "a;;b|has an empty entry",
        "1a:0,1,2,3|IoThread name '1a' is invalid",
    })
    void invalidMappingsAreRejectedAsQemuDoes(String mapping, String message) {
        assertThatThrownBy(() -> IoThreadVqMapping.parse(mapping, 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
