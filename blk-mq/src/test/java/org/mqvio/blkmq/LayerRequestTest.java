package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqvio.blkmq.Requests.bio;
import static org.mqvio.blkmq.Requests.read;
import static org.mqvio.blkmq.Requests.write;

import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

class LayerRequestTest {
    private static final Merging ON = new Merging(true, 16 * 1024);

    @Test
    void adjacentRequestsMergeAtEitherEndAndKeepTheirOriginalsInRangeOrder() {
        LayerRequest r = new LayerRequest(read(1, 80));
        assertThat(ON.tryMerge(r, read(2, 88))).isEqualTo(LayerRequest.MergeKind.BACK);
        assertThat(ON.tryMerge(r, read(3, 72))).isEqualTo(LayerRequest.MergeKind.FRONT);
        assertThat(r.sector()).isEqualTo(72);
        assertThat(r.length()).isEqualTo(3 * 4096);
        assertThat(r.originals()).extracting(BlockRequest::id).containsExactly(3L, 1L, 2L);
    }

    @Test
    void onlyTouchingReadsOrWritesOfOneKindMergeAndNeverPastTheLimit() {
        LayerRequest r = new LayerRequest(write(1, 0));
        assertThat(ON.tryMerge(r, read(2, 8))).isEqualTo(LayerRequest.MergeKind.NONE);
        assertThat(ON.tryMerge(r, write(3, 16))).as("a gap").isEqualTo(LayerRequest.MergeKind.NONE);
        assertThat(ON.tryMerge(r, BlockRequest.builder(Operation.WRITE).id(4).sector(8).length(4096).fua(true)
                .completion((c, x) -> { }).build())).as("FUA differs").isEqualTo(LayerRequest.MergeKind.NONE);
        assertThat(new Merging(false, 1 << 20).tryMerge(r, write(5, 8))).isEqualTo(LayerRequest.MergeKind.NONE);
        assertThat(ON.tryMerge(r, bio(6, Operation.WRITE, 8, 12 * 1024, 0))).isEqualTo(LayerRequest.MergeKind.BACK);
        assertThat(ON.tryMerge(r, write(7, 40))).as("would exceed 16 KiB").isEqualTo(LayerRequest.MergeKind.NONE);
        LayerRequest flush = new LayerRequest(bio(8, Operation.FLUSH, 0, 0, 0));
        assertThat(ON.tryMerge(flush, bio(9, Operation.FLUSH, 0, 0, 0))).isEqualTo(LayerRequest.MergeKind.NONE);
    }

    @Test
    void aMergedWriteCarriesTheConcatenatedPayloadAndAMergedReadSplitsItsDataBack() {
        BlockRequest w1 = BlockRequest.builder(Operation.WRITE).id(1).sector(0).length(512).data(new byte[512])
                .completion((c, x) -> { }).build();
        BlockRequest w2 = BlockRequest.builder(Operation.WRITE).id(2).sector(1).length(512).data(filled(512, 7))
                .completion((c, x) -> { }).build();
        LayerRequest w = new LayerRequest(w1);
        assertThat(ON.tryMerge(w, w2)).isEqualTo(LayerRequest.MergeKind.BACK);
        byte[] payload = w.driverRequest((c, x, s) -> { }).data();
        assertThat(payload).hasSize(1024);
        assertThat(payload[0]).isZero();
        assertThat(payload[600]).isEqualTo((byte) 7);

        BlockRequest r1 = BlockRequest.builder(Operation.READ).id(3).sector(0).length(512).data(new byte[512])
                .completion((c, x) -> { }).build();
        BlockRequest r2 = BlockRequest.builder(Operation.READ).id(4).sector(1).length(512).data(new byte[512])
                .completion((c, x) -> { }).build();
        LayerRequest r = new LayerRequest(r1);
        ON.tryMerge(r, r2);
        BlockRequest derived = r.driverRequest((c, x, s) -> { });
        System.arraycopy(filled(512, 9), 0, derived.data(), 512, 512);
        derived.complete(null, Status.OK, 1);
        r.returnData();
        assertThat(r1.data()[0]).isZero();
        assertThat(r2.data()).containsOnly((byte) 9);
    }

    @Test
    void theDerivedRequestCoversTheRangeAndIsBuiltOnce() {
        LayerRequest r = new LayerRequest(bio(5, Operation.READ, 8, 4096, 2));
        ON.tryMerge(r, bio(6, Operation.READ, 16, 4096, 3));
        BlockRequest d = r.driverRequest((c, x, s) -> { });
        assertThat(d.sector()).isEqualTo(8);
        assertThat(d.length()).isEqualTo(8192);
        assertThat(d.cpu()).isEqualTo(2);
        assertThat(d.id()).isEqualTo(5);
        assertThat(r.driverRequest((c, x, s) -> { })).isSameAs(d);
        assertThat(ON.tryMerge(r, bio(7, Operation.READ, 24, 4096, 2))).as("no merge once dispatched")
                .isEqualTo(LayerRequest.MergeKind.NONE);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
