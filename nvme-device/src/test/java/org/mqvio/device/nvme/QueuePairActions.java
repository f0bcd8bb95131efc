package org.mqvio.device.nvme;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/** The actions of the ring pair's stateful property: one small class per operation, each described. */
final class QueuePairActions {
    private QueuePairActions() {
    }

    /** Host: place one command in the submission ring. */
    static final class Place implements Action.Independent<QueuePairModel> {
        @Override
        public Arbitrary<Transformer<QueuePairModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("place", QueuePairModel::place));
        }
    }

    /** Host: write the submission tail doorbell. */
    static final class Doorbell implements Action.Independent<QueuePairModel> {
        @Override
        public Arbitrary<Transformer<QueuePairModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("sq tail doorbell", QueuePairModel::doorbell));
        }
    }

    /** Controller: fetch one command. */
    static final class Fetch implements Action.Independent<QueuePairModel> {
        @Override
        public Arbitrary<Transformer<QueuePairModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("fetch", QueuePairModel::fetch));
        }
    }

    /** Controller: complete one fetched command, chosen at random (completions come in any order). */
    static final class Post implements Action.Independent<QueuePairModel> {
        @Override
        public Arbitrary<Transformer<QueuePairModel>> transformer() {
            return Arbitraries.integers().between(0, 64)
                    .map(pick -> Transformer.mutate("post(" + pick + ")", m -> m.post(pick)));
        }
    }

    /** Host: consume one completion entry by its phase tag. */
    static final class Poll implements Action.Independent<QueuePairModel> {
        @Override
        public Arbitrary<Transformer<QueuePairModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("poll", QueuePairModel::poll));
        }
    }

    /** Host: write the completion head doorbell. */
    static final class HeadDoorbell implements Action.Independent<QueuePairModel> {
        @Override
        public Arbitrary<Transformer<QueuePairModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("cq head doorbell", QueuePairModel::headDoorbell));
        }
    }

    /** Both sides, one command the whole way round: place, doorbell, fetch, post, poll, head doorbell. */
    static final class RoundTrip implements Action.Independent<QueuePairModel> {
        @Override
        public Arbitrary<Transformer<QueuePairModel>> transformer() {
            return Arbitraries.just(Transformer.mutate("round trip", m -> {
                m.place();
                m.doorbell();
                m.fetch();
                m.post(0);
                m.poll();
                m.headDoorbell();
            }));
        }
    }
}
