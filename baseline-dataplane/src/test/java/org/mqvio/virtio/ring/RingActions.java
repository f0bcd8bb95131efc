package org.mqvio.virtio.ring;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;
import org.mqvio.api.virtio.GuestBuffer;

/** The actions of the split ring's stateful property: one small class per operation, each described. */
final class RingActions {

    private RingActions() {
    }

    /** Driver: add a chain of 1 to 4 buffers, readable ones first. */
    static final class Add implements Action.Independent<RingModel> {
        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            Arbitrary<GuestBuffer> buffers = Combinators.combine(
                    Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 4096))
                    .as((page, length) -> new GuestBuffer(RingModel.DATA_BASE + page * 4096L, length));
            Arbitrary<Integer> readableCounts = Arbitraries.integers().between(0, 4);
            return Combinators.combine(readableCounts, buffers.list().ofMinSize(1).ofMaxSize(4))
                    .as((readableCount, chain) -> {
                        int split = Math.min(readableCount, chain.size());
                        List<GuestBuffer> readable = new ArrayList<>(chain.subList(0, split));
                        List<GuestBuffer> writable = new ArrayList<>(chain.subList(split, chain.size()));
                        return Transformer.mutate("add(" + readable.size() + " readable, " + writable.size()
                                + " writable)", model -> model.add(readable, writable));
                    });
        }
    }

    /** Driver: publish the added chains and ask whether to kick. */
    static final class Kick implements Action.Independent<RingModel> {
        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("kickPrepare", RingModel::kickPrepare));
        }
    }

    /** Driver: collect one used buffer. */
    static final class GetUsed implements Action.Independent<RingModel> {
        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("getUsed", RingModel::getUsed));
        }
    }

    /** Driver: ask the device not to interrupt. */
    static final class DisableCallback implements Action.Independent<RingModel> {
        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("disableCallback", RingModel::disableCallback));
        }
    }

    /** Driver: ask for interrupts again (and learn whether used buffers are pending). */
    static final class EnableCallback implements Action.Independent<RingModel> {
        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("enableCallback", RingModel::enableCallback));
        }
    }

    /** Device: pop one available chain. */
    static final class Pop implements Action.Independent<RingModel> {
        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("pop", RingModel::pop));
        }
    }

    /** Device: push 1 to 3 popped chains in any order, then ask whether to notify. */
    static final class Push implements Action.Independent<RingModel> {
        @Override
        public boolean precondition(RingModel model) {
            return model.hasInFlight();
        }

        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            Arbitrary<List<Integer>> picks = Arbitraries.integers().between(0, 15).list().ofMinSize(1).ofMaxSize(3);
            Arbitrary<Integer> permille = Arbitraries.integers().between(0, 1000);
            return Combinators.combine(picks, permille).as((p, w) -> Transformer.mutate(
                    "push(picks " + p + ", " + w + " permille written) + shouldNotify", model -> model.push(p, w)));
        }
    }

    /** Device: enable or disable kicks (enabling re-checks the ring, as an IoThread does before sleeping). */
    static final class SetNotification implements Action.Independent<RingModel> {
        @Override
        public Arbitrary<Transformer<RingModel>> transformer() {
            return Arbitraries.of(true, false).map(enabled -> Transformer.mutate(
                    "setNotification(" + enabled + ")", model -> model.setNotification(enabled)));
        }
    }
}
