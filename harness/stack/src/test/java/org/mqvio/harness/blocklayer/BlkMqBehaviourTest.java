package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;

/**
 * What blk-mq does beyond what the in-tree layers share ({@link BlockLayerBehaviour}): merging, plugging, the CPU
 * map, tags, busy re-runs, mq-deadline.
 */
class BlkMqBehaviourTest {

    private static List<BlockRequest> blocks(Rig rig, Operation op, int cpu, long... blocks) {
        List<BlockRequest> out = new ArrayList<>();
        for (long b : blocks) {
            out.add(rig.request(op, b, 1, cpu));
        }
        return out;
    }

    private static long[] range(long from, int n) {
        return LongStream.range(from, from + n).toArray();
    }

    private static long[] scattered(int n) {
        return LongStream.range(0, n).map(i -> i * 100).toArray();
    }

    private static void assertEachCompletedOnceWithItsCommandsStatus(Rig rig) {
        for (BlockRequest r : rig.submitted) {
            assertThat(rig.completions.get(r)).as("completions of %s", r).isEqualTo(1);
            assertThat(r.status()).isEqualTo(rig.expectedStatus(r));
        }
    }

    @Example
    void aContiguousBurstFromOneCpuBecomesOneCommandAndEveryRequestCompletesWithItsStatus() {
        Rig rig = Rig.of("blk-mq").build();
        rig.submitAt(1_000, 0, blocks(rig, Operation.READ, 0, range(24, 16)));
        rig.drain();
        assertThat(rig.driver.arrivals).hasSize(1);
        BlockRequest command = rig.driver.arrivals.get(0).command();
        assertThat(command.sector()).isEqualTo(24 * 8);
        assertThat(command.length()).isEqualTo(16 * 4096);
        assertThat(TestDriver.statusOf(command).isOk()).as("sector 192 is one the driver fails").isFalse();
        assertEachCompletedOnceWithItsCommandsStatus(rig);
        assertThat(rig.stat("merged")).isEqualTo(15);
        assertThat(rig.stat("dispatched")).isEqualTo(1);
        assertThat(rig.stat("completed")).isEqualTo(16);
    }

    @Example
    void withNomergesEveryRequestIsItsOwnCommand() {
        Rig rig = Rig.of("blk-mq").set("blk-mq.nomerges", true).build();
        rig.submitAt(1_000, 0, blocks(rig, Operation.READ, 0, range(24, 16)));
        rig.drain();
        assertThat(rig.driver.arrivals).hasSize(16);
        assertThat(rig.stat("merged")).isZero();
    }

    @Property(tries = 60)
    void mergesNeverBuildACommandLargerThanMaxSectorsKb(@ForAll @IntRange(min = 1, max = 100) int requests,
                                                         @ForAll @IntRange(min = 1, max = 32) int maxBlocks,
                                                         @ForAll boolean plug,
                                                         @ForAll @IntRange(min = 1, max = 4) int items) {
        Rig rig = Rig.of("blk-mq").set("blk-mq.max_sectors_kb", maxBlocks * 4).set("blk-mq.plug", plug)
                .set("blk-mq.queue_depth", 2).driver(d -> d.service(50_000, 100_000)).build();
        int perItem = (requests + items - 1) / items;
        for (int i = 0; i < items; i++) {
            int from = i * perItem;
            int n = Math.max(0, Math.min(perItem, requests - from));
            rig.submitAt(1_000 + i * 10_000L, 0, blocks(rig, Operation.WRITE, 0, range(from, n)));
        }
        rig.drain();
        for (TestDriver.Arrival a : rig.driver.arrivals) {
            assertThat(a.command().length()).isLessThanOrEqualTo(maxBlocks * 4096);
        }
        assertEachCompletedOnceWithItsCommandsStatus(rig);
        assertThat(rig.stat("dispatched") + rig.stat("merged")).isEqualTo(requests);
    }

    @Example
    void aBurstSubmittedInOneItemReachesTheDriverAsOneBatch() {
        Rig rig = Rig.of("blk-mq").build();
        rig.submitAt(1_000, 0, blocks(rig, Operation.READ, 0, scattered(8)));
        rig.drain();
        assertThat(rig.driver.arrivals).extracting(TestDriver.Arrival::last)
                .containsExactly(false, false, false, false, false, false, false, true);
        assertThat(rig.stat("plug_flushes")).isEqualTo(1);

        Rig unplugged = Rig.of("blk-mq").set("blk-mq.plug", false).build();
        unplugged.submitAt(1_000, 0, blocks(unplugged, Operation.READ, 0, scattered(8)));
        unplugged.drain();
        assertThat(unplugged.driver.arrivals).extracting(TestDriver.Arrival::last).containsOnly(true).hasSize(8);
    }

    @Example
    void thePlugFlushesAtSixteenRequestsOrAtSixtyFourWithSeveralHardwareQueues() {
        Rig one = Rig.of("blk-mq").set("blk-mq.nomerges", true).build();
        one.submitAt(1_000, 0, blocks(one, Operation.READ, 0, scattered(40)));
        one.drain();
        assertThat(one.stat("plug_flushes")).isEqualTo(3);
        assertThat(one.driver.arrivals.stream().filter(TestDriver.Arrival::last).count()).isEqualTo(3);

        Rig several = Rig.of("blk-mq").set("blk-mq.nomerges", true).driver(d -> d.queues(2)).build();
        several.submitAt(1_000, 0, blocks(several, Operation.READ, 0, scattered(70)));
        several.drain();
        assertThat(several.stat("plug_flushes")).isEqualTo(2);
        assertThat(several.driver.arrivals.stream().filter(TestDriver.Arrival::last).count()).isEqualTo(2);
    }

    @Example
    void requestsFollowAGivenCpuMap() {
        Rig rig = Rig.of("blk-mq").cpus(4).set("blk-mq.cpu_map", "1,1,0,0").driver(d -> d.queues(2)).build();
        for (int cpu = 0; cpu < 4; cpu++) {
            rig.submitAt(1_000 + cpu, cpu, blocks(rig, Operation.READ, cpu, 1000L * cpu, 1000L * cpu + 50));
        }
        rig.drain();
        assertThat(rig.driver.arrivals).hasSize(8);
        for (TestDriver.Arrival a : rig.driver.arrivals) {
            assertThat(a.queue()).as("queue of a request from CPU %d", a.command().cpu())
                    .isEqualTo(a.command().cpu() < 2 ? 1 : 0);
        }
        assertThat(rig.stat("hwq0_dispatched")).isEqualTo(4);
        assertThat(rig.stat("hwq1_dispatched")).isEqualTo(4);
    }

    @Property(tries = 60)
    void sharedTagsBoundTheRequestsInFlightOverEveryQueue(@ForAll @IntRange(min = 2, max = 4) int queues,
                                                          @ForAll @IntRange(min = 1, max = 6) int depth,
                                                          @ForAll @IntRange(min = 1, max = 60) int perCpu) {
        Rig rig = Rig.of("blk-mq").cpus(4).set("blk-mq.shared_tags", true).set("blk-mq.queue_depth", depth)
                .driver(d -> d.queues(queues).service(5_000, 40_000)).build();
        for (int cpu = 0; cpu < 4; cpu++) {
            long base = 10_000L * (cpu + 1);
            rig.submitAt(1_000 + cpu * 300, cpu, blocks(rig, Operation.READ, cpu,
                    LongStream.range(0, perCpu).map(i -> base + 3 * i).toArray()));
        }
        rig.drain();
        assertThat(rig.driver.maxTotalInFlight).isLessThanOrEqualTo(depth);
        assertThat(rig.stat("completed")).isEqualTo(4L * perCpu);
        assertThat(rig.stat("tags_in_use")).isZero();
    }

    @Example
    void ordinaryRequestsNeverTakeAReservedTagSoAFlushAtTheHeadDoesNotWait() {
        Rig rig = Rig.of("blk-mq").set("blk-mq.queue_depth", 4).set("blk-mq.reserved_tags", 1)
                .driver(d -> d.service(100_000, 100_001)).build();
        List<BlockRequest> burst = new ArrayList<>(blocks(rig, Operation.READ, 0, 0, 100, 200));
        BlockRequest flush = rig.request(Operation.FLUSH, 0, 0, 0);
        burst.add(flush);
        burst.addAll(blocks(rig, Operation.READ, 0, 300, 400));
        rig.submitAt(1_000, 0, burst);
        rig.drain();
        assertThat(rig.commandOf(flush).atNs()).as("the flush took the reserved tag at once").isLessThan(100_000);
        assertThat(rig.driver.arrivals.stream().filter(a -> a.atNs() < 100_000).count())
                .as("three reads on the ordinary tags and the flush on the reserved one").isEqualTo(4);
        assertThat(rig.driver.maxInFlight[0]).isEqualTo(4);
        assertThat(rig.stat("tag_waits")).as("the last two reads waited").isEqualTo(2);
    }

    @Example
    void aTagWaitIsCountedOncePerRequest() {
        Rig rig = Rig.of("blk-mq").set("blk-mq.queue_depth", 2).driver(d -> d.service(10_000, 20_000)).build();
        rig.submitAt(1_000, 0, blocks(rig, Operation.READ, 0, scattered(10)));
        rig.drain();
        assertThat(rig.stat("tag_waits")).isEqualTo(8);
        assertThat(rig.stat("hwq0_max_depth")).isEqualTo(2);
    }

    @Example
    void aResourceBusyAnswerRunsTheQueueAgainAfterThreeMilliseconds() {
        Rig rig = Rig.of("blk-mq").driver(d -> d.script(DispatchResult.RESOURCE_BUSY)).build();
        rig.submitAt(1_000, 0, blocks(rig, Operation.READ, 0, 5));
        rig.drain();
        assertThat(rig.driver.arrivals).hasSize(1);
        assertThat(rig.driver.arrivals.get(0).atNs()).isBetween(3_001_000L, 3_100_000L);
        assertThat(rig.stat("busy_resource")).isEqualTo(1);
    }

    @Example
    void aDeviceBusyAnswerWaitsForACompletionButWithNothingInFlightRunsAgainLater() {
        Rig idle = Rig.of("blk-mq").driver(d -> d.script(DispatchResult.DEVICE_BUSY)).build();
        idle.submitAt(1_000, 0, blocks(idle, Operation.READ, 0, 5));
        idle.drain();
        assertThat(idle.driver.arrivals.get(0).atNs()).as("nothing would restart it: re-run after 3 ms")
                .isBetween(3_001_000L, 3_100_000L);

        Rig busy = Rig.of("blk-mq").driver(d -> d.script(DispatchResult.OK, DispatchResult.DEVICE_BUSY)
                .service(50_000, 50_001)).build();
        busy.submitAt(1_000, 0, blocks(busy, Operation.READ, 0, 5, 500));
        busy.drain();
        assertThat(busy.driver.arrivals).hasSize(2);
        assertThat(busy.driver.arrivals.get(1).atNs()).as("dispatched again once the first completed")
                .isBetween(51_000L, 70_000L);
        assertThat(busy.stat("busy_device")).isEqualTo(1);
        assertThat(busy.stat("requeued")).isEqualTo(1);
    }

    @Example
    void rqAffinitySteersCompletionsToTheSubmittingCpuOrItsGroup() {
        for (int affinity = 0; affinity <= 2; affinity++) {
            Rig rig = Rig.of("blk-mq").cpus(4).set("blk-mq.rq_affinity", affinity).set("blk-mq.cpu_group_size", 2)
                    .driver(d -> d.queues(4)).build();
            for (int cpu = 0; cpu < 4; cpu++) {
                rig.submitAt(1_000, cpu, blocks(rig, Operation.READ, cpu, 100L * cpu));
            }
            rig.drain();
            for (BlockRequest r : rig.submitted) {
                String where = rig.completedOn.get(r).name();
                assertThat(where).as("rq_affinity=%d, request from cpu%d", affinity, r.cpu())
                        .isEqualTo(affinity == 0 ? "test-irq" + r.cpu() : "cpu" + r.cpu());
            }
            Statistics stats = rig.layer.statistics();
            if (affinity == 0) {
                assertThat(stats.counters().counters()).extracting(Counter::name).doesNotContain("completion_ipis");
            } else {
                assertThat(stats.get(stats.counters().named("completion_ipis"))).isEqualTo(4);
            }
        }
    }

    @Example
    void completionsQueuedBehindAPendingIpiSendNoIpiOfTheirOwn() {
        // Three requests of cpu1 complete together on cpu0: the first sends an IPI; the two queued behind it
        // before its handler runs go with it (Linux's smp_call_function_single_async sends only to an empty queue).
        Rig rig = Rig.of("blk-mq").cpus(2).set("blk-mq.rq_affinity", 2).set("blk-mq.nomerges", true)
                .driver(d -> d.queues(1).service(10_000, 10_000)).completeOnCpu(q -> 0).build();
        rig.submitAt(1_000, 1, List.of(rig.request(Operation.READ, 0, 1, 1), rig.request(Operation.READ, 100, 1, 1),
                rig.request(Operation.READ, 200, 1, 1)));
        rig.drain();
        assertThat(rig.submitted).hasSize(3).allSatisfy(r -> assertThat(rig.completedOn.get(r).name()).isEqualTo("cpu1"));
        assertThat(rig.stat("completion_ipis")).isEqualTo(1);
    }

    @Example
    void withRqAffinityOneACompletionOnACpuOfTheSameGroupStaysThere() {
        for (int affinity = 1; affinity <= 2; affinity++) {
            Rig rig = Rig.of("blk-mq").cpus(4).set("blk-mq.rq_affinity", affinity).set("blk-mq.cpu_group_size", 2)
                    .driver(d -> d.queues(4)).completeOnCpu(q -> q ^ 1).build();
            for (int cpu = 0; cpu < 4; cpu++) {
                rig.submitAt(1_000, cpu, blocks(rig, Operation.READ, cpu, 100L * cpu));
            }
            rig.drain();
            for (BlockRequest r : rig.submitted) {
                assertThat(rig.completedOn.get(r).name()).as("rq_affinity=%d", affinity)
                        .isEqualTo("cpu" + (affinity == 1 ? r.cpu() ^ 1 : r.cpu()));
            }
        }
    }

    @Example
    void onTheHostOneGroupSpansEveryCpuSoRqAffinityOneNeverSendsAnIpi() {
        Rig one = Rig.of("blk-mq").host().cpus(4).driver(d -> d.queues(4)).build();
        Rig two = Rig.of("blk-mq").host().cpus(4).set("blk-mq.rq_affinity", 2).driver(d -> d.queues(4)).build();
        for (Rig rig : List.of(one, two)) {
            for (int cpu = 0; cpu < 4; cpu++) {
                rig.submitAt(1_000, cpu, blocks(rig, Operation.READ, cpu, 100L * cpu));
            }
            rig.drain();
        }
        assertThat(one.stat("completion_ipis")).isZero();
        assertThat(two.stat("completion_ipis")).isEqualTo(4);
    }

    /**
     * mq-deadline on the simulation, against a slow driver so that requests expire: once a request has
     * expired, at most one batch of requests with later deadlines reaches the driver before it.
     */
    @Property(tries = 40)
    void underMqDeadlineNoRequestWaitsPastItsExpiryByMoreThanOneBatch(
            @ForAll @IntRange(min = 1, max = 8) int fifoBatch, @ForAll @IntRange(min = 0, max = 3) int writesStarved,
            @ForAll @IntRange(min = 1, max = 3) int cpus, @ForAll long seed) {
        Rig rig = Rig.of("blk-mq").cpus(cpus).seed(seed).set("blk-mq.scheduler", "mq-deadline")
                .set("blk-mq.read_expire", 1).set("blk-mq.write_expire", 3).set("blk-mq.fifo_batch", fifoBatch)
                .set("blk-mq.writes_starved", writesStarved).set("blk-mq.nomerges", true).set("blk-mq.queue_depth", 1)
                .driver(d -> d.service(40_000, 120_000)).build();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < 150; i++) {
            int cpu = random.nextInt(cpus);
            Operation op = random.nextInt(3) == 0 ? Operation.WRITE : Operation.READ;
            rig.submitAt(1_000 + random.nextLong(5_000_000), cpu, List.of(rig.request(op, random.nextLong(1 << 20) * 2 + i % 2, 1, cpu)));
        }
        rig.drain();
        List<TestDriver.Arrival> arrivals = rig.driver.arrivals;
        assertThat(arrivals).hasSize(150);
        for (int i = 0; i < arrivals.size(); i++) {
            BlockRequest victim = arrivals.get(i).command();
            long deadline = deadline(rig, victim);
            int overtakers = 0;
            for (int j = 0; j < i; j++) {
                TestDriver.Arrival x = arrivals.get(j);
                if (x.atNs() >= deadline && deadline(rig, x.command()) > deadline) {
                    overtakers++;
                }
            }
            assertThat(overtakers).as("later-deadline requests dispatched after %s expired", victim)
                    .isLessThanOrEqualTo(fifoBatch);
        }
    }

    private static long deadline(Rig rig, BlockRequest command) {
        BlockRequest original = rig.submitted.stream().filter(r -> r.id() == command.id()).findFirst().orElseThrow();
        return rig.submittedAt.get(original) + (original.operation() == Operation.READ ? 1_000_000 : 3_000_000);
    }
}
