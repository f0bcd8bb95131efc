package org.mqvio.harness.conformance;

import java.util.Map;
import net.jqwik.api.Example;

/** Counter-examples the block-layer contract found in the kit itself, replayed as the shrunk action sequence. */
class BlockLayerBenchRegressionsTest {

    /**
     * blk-mq front-merged R7+2 into R9+2; the bench credited R9+2 to an earlier command whose range merely
     * contained it (R6+8), so the merged command looked like a later request overtaking R0+3. The bench now
     * counts a request as carried only when the command's range is tiled end to end by it and its neighbours.
     */
    @Example
    void aRequestInsideAnEarlierCommandIsNotTakenForPartOfIt() {
        BlockLayerBench b = BlockLayerBench.open(SharedRegistry.get(), new BlockLayerBench.Shape("blk-mq", Map.of(),
                org.mqvio.api.spi.BlockLayerSetup.Role.GUEST, 2, 1, 1, 0), false);
        b.submit(1, IoOp.parse("Rend-9+11"));
        b.submit(0, IoOp.parse("W29+5"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.submit(0, IoOp.parse("W29+2"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.submit(0, IoOp.parse("W3+5"));
        b.complete(0, 0, org.mqvio.api.Status.IO_ERROR);
        b.submit(1, IoOp.parse("Rend-2+3"));
        b.submit(0, IoOp.parse("R7+3"));
        b.answerNext(0, org.mqvio.api.DispatchResult.RESOURCE_BUSY);
        b.submit(1, IoOp.parse("W9+3"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.answerNext(0, org.mqvio.api.DispatchResult.DEVICE_BUSY);
        b.submit(1, IoOp.parse("W7+57"));
        b.advance(1000L);
        b.submit(1, IoOp.parse("F"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.submit(1, IoOp.parse("F"));
        b.advance(4000000L);
        b.submit(1, IoOp.parse("F"));
        b.submit(1, IoOp.parse("Rend-8+6"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.submit(1, IoOp.parse("W19+8"));
        b.answerNext(0, org.mqvio.api.DispatchResult.RESOURCE_BUSY);
        b.submit(0, IoOp.parse("W9+8"));
        b.submit(0, IoOp.parse("D8+8"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.submit(0, IoOp.parse("W3+6"));
        b.advance(1000L);
        b.submit(0, IoOp.parse("W1+4"));
        b.submit(0, IoOp.parse("R23+6"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.advance(4000000L);
        b.submit(1, IoOp.parse("F"));
        b.submit(0, IoOp.parse("F"));
        b.submit(1, IoOp.parse("Dend-15+37"));
        b.submit(0, IoOp.parse("Z1643+7"));
        b.submit(0, IoOp.parse("D5+6"));
        b.answerNext(0, org.mqvio.api.DispatchResult.RESOURCE_BUSY);
        b.submit(0, IoOp.parse("R0+6"));
        b.submit(0, IoOp.parse("R17+1"));
        b.submit(0, IoOp.parse("R6+8"));
        b.submit(0, IoOp.parse("W8+5"));
        b.submit(0, IoOp.parse("W10+4!"));
        b.submit(1, IoOp.parse("R9+2"));
        b.submit(0, IoOp.parse("F"));
        b.submit(1, IoOp.parse("R0+3"));
        b.answerNext(0, org.mqvio.api.DispatchResult.DEVICE_BUSY);
        b.submit(0, IoOp.parse("F"));
        b.submit(1, IoOp.parse("R13+2"));
        b.submit(1, IoOp.parse("Z6502+3"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.submit(1, IoOp.parse("R7+2"));
        b.complete(0, 0, org.mqvio.api.Status.IO_ERROR);
        b.advance(1000L);
        b.answerNext(0, org.mqvio.api.DispatchResult.DEVICE_BUSY);
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.submit(1, IoOp.parse("D18+41"));
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.complete(0, 0, org.mqvio.api.Status.OK);
        b.checkInvariant();
        b.drainAndCheck();
    }
}
