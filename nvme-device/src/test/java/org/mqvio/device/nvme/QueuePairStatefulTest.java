package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;

/**
 * Submission and completion rings against a plain model under random interleavings of both sides, on
 * small rings so that every chain goes round them many times: commands are fetched in placement order,
 * every posted entry is seen exactly once by its phase tag and no stale entry ever reads as new, full
 * rings refuse entries, and doorbells outside the ring are ignored.
 */
class QueuePairStatefulTest {

    @Property(tries = 300)
    void ringsBehaveLikeQueuesAcrossManyWraps(@ForAll("chains") ActionChain<QueuePairModel> chain) {
        QueuePairModel end = chain.withInvariant("ring counts agree with the model", QueuePairModel::checkInvariants)
                .run();
        end.drainAndCheck();
        long wraps = end.cq.wraps();
        Statistics.label("completion ring wraps").collect(wraps >= 10 ? ">= 10" : wraps >= 3 ? "3-9" : "< 3");
        Statistics.label("completion ring wraps").coverage(c -> c.check(">= 10").percentage(p -> p > 30));
    }

    @Provide
    Arbitrary<ActionChain<QueuePairModel>> chains() {
        return Arbitraries.integers().between(2, 6).flatMap(size -> ActionChain.startWith(() -> new QueuePairModel(size))
                .withAction(4, new QueuePairActions.Place())
                .withAction(2, new QueuePairActions.Doorbell())
                .withAction(4, new QueuePairActions.Fetch())
                .withAction(4, new QueuePairActions.Post())
                .withAction(4, new QueuePairActions.Poll())
                .withAction(2, new QueuePairActions.HeadDoorbell())
                .withAction(3, new QueuePairActions.RoundTrip())
                .withMaxTransformations(400));
    }

    @Example
    void thePhaseTagFlipsOnEveryLapOfTheCompletionRing() {
        CompletionQueue cq = new CompletionQueue(1, 2);
        for (int lap = 0; lap < 5; lap++) {
            assertThat(cq.post(new CompletionEntry(0, 0, 1, lap, 0))).isTrue();
            assertThat(cq.post(new CompletionEntry(0, 0, 1, 99, 0))).as("a ring of 2 holds 1 entry").isFalse();
            CompletionEntry e = new CompletionEntry();
            assertThat(cq.poll(e)).isTrue();
            assertThat(e.cid()).isEqualTo(lap);
            assertThat(cq.poll(e)).isFalse();
            assertThat(cq.ringHeadDoorbell(cq.head())).isTrue();
        }
        assertThat(cq.wraps()).isEqualTo(2);
    }

    @Example
    void entriesRoundTripTheirFields() {
        byte[] ring = new byte[Command.BYTES];
        Command c = Command.write(0xBEEF, 0x1_2345_6789L, 65536, true, 0x7000);
        c.writeTo(ring, 0);
        Command d = new Command();
        d.readFrom(ring, 0);
        assertThat(d).usingRecursiveComparison().isEqualTo(c);
        assertThat(d.slba()).isEqualTo(0x1_2345_6789L);
        assertThat(d.blocks()).isEqualTo(65536);
        assertThat(d.fua()).isTrue();
        Command abort = Command.abort(3, 7, 0xFFFF);
        assertThat(abort.abortSqid()).isEqualTo(7);
        assertThat(abort.abortCid()).isEqualTo(0xFFFF);
        byte[] cqe = new byte[CompletionEntry.BYTES];
        CompletionEntry e = new CompletionEntry(1, 65535, 9, 4242, NvmeStatus.UNRECOVERED_READ_ERROR.field());
        e.writeTo(cqe, 0, 1);
        CompletionEntry back = new CompletionEntry();
        back.readFrom(cqe, 0);
        assertThat(back).usingRecursiveComparison().isEqualTo(e);
        assertThat(CompletionEntry.phaseAt(cqe, 0)).isEqualTo(1);
    }
}
