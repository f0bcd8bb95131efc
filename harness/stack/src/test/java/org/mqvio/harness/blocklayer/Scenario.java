package org.mqvio.harness.blocklayer;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * A generated scenario for a {@link Rig}, the machine and the request stream: CPUs, hardware queues, a depth,
 * host CPUs, how often the driver answers busy, and work items (a CPU, a time, the operations it submits in that
 * one item). Blocks are unique per request, so the command that carried a request can be told; a sequential
 * stream gives neighbouring requests neighbouring blocks so they can merge.
 */
record Scenario(int cpus, int queues, int depth, int hostCpus, int deviceBusy, int resourceBusy, boolean sequential,
                List<Item> items, long seed) {

    /** One work item: {@code ops.size()} submissions from {@code cpu} at {@code atNs}. */
    record Item(int cpu, long atNs, List<Operation> ops) {
    }

    static Arbitrary<Scenario> arbitrary(int maxBusyPercent) {
        Arbitrary<Operation> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just(Operation.READ)),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Operation.WRITE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Operation.FLUSH)));
        Arbitrary<Item> item = Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.longs().between(0, 400_000), op.list().ofMinSize(1).ofMaxSize(20))
                .as(Item::new);
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 8), Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, maxBusyPercent), Arbitraries.integers().between(0, maxBusyPercent),
                        Arbitraries.of(true, false), item.list().ofMinSize(1).ofMaxSize(15))
                .flatAs((cpus, queues, depth, hostCpus, dev, res, seq, items) -> Arbitraries.longs().map(seed ->
                        new Scenario(cpus, queues, depth, hostCpus, dev, res, seq, items.stream()
                                .map(i -> new Item(i.cpu() % cpus, i.atNs(), i.ops())).toList(), seed)));
    }

    /** A rig for this scenario, its requests scheduled; the caller drains it. */
    Rig start(Rig.Builder builder) {
        Rig rig = builder.cpus(cpus).hostCpus(hostCpus).seed(seed)
                .driver(d -> d.queues(queues).capacity(2 * depth).busy(deviceBusy, resourceBusy).service(1_000, 30_000))
                .build();
        long block = 0;
        for (Item item : items.stream().sorted((a, b) -> Long.compare(a.atNs(), b.atNs())).toList()) {
            List<BlockRequest> requests = new ArrayList<>();
            for (Operation o : item.ops()) {
                long b = sequential ? block : (block * 40_503L) & 0xF_FFFF;
                requests.add(rig.request(o, b, 1, item.cpu()));
                block++;
            }
            rig.submitAt(item.atNs(), item.cpu(), requests);
        }
        return rig;
    }

    int requests() {
        return items.stream().mapToInt(i -> i.ops().size()).sum();
    }
}
