package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.AccessPattern;
import org.mqvio.harness.workload.BlockCoverage;
import org.mqvio.harness.workload.BlockSizes;
import org.mqvio.harness.workload.CloneResult;
import org.mqvio.harness.workload.RandomDistribution;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.StridedZones;

/** fio's syntax of the access-pattern options, and the sizes a run draws against real fio's for the same job. */
class AccessOptionsTest {
    private static AccessPattern access(String... tokens) {
        List<String> all = new ArrayList<>(List.of("--runtime=1ms"));
        all.addAll(List.of(tokens));
        return JobPlanner.plan(all, Map.of()).jobs().get(0).spec().access();
    }

    @Test
    void bsTakesOneSizePerDirectionAsFioDoes() {
        assertThat(access("--bs=4k,64k").writeSizes()).contains(BlockSizes.fixed(65536));
        assertThat(access("--bs=4k,64k").readSizes()).contains(BlockSizes.fixed(4096));
        assertThat(access("--bs=16k").writeSizes()).as("one value for every direction").contains(BlockSizes.fixed(16384));
        assertThat(access("--bs=,8k").readSizes()).as("an empty part keeps the default").contains(BlockSizes.fixed(4096));
        assertThat(access("--bs=8k,").writeSizes()).contains(BlockSizes.fixed(4096));
        assertThat(access("--bsrange=4k-16k,8k:32k").writeSizes()).contains(BlockSizes.range(8192, 32768));
        assertThat(access("--blockalign=512,1k").writeAlign()).isEqualTo(1024);
    }

    @Test
    void bssplitEntriesWithoutAPercentageShareWhatIsLeft() {
        assertThat(access("--bssplit=4k/50:8k:16k").readSizes().orElseThrow().splits()).containsExactly(
                new BlockSizes.Split(8192, 25), new BlockSizes.Split(16384, 25), new BlockSizes.Split(4096, 50));
        assertThat(access("--bssplit=4k:8k:64k").readSizes().orElseThrow().splits())
                .extracting(BlockSizes.Split::percent).containsExactly(33, 33, 33);
        AccessPattern perDirection = access("--rw=randrw", "--bssplit=4k/50:8k/50,64k");
        assertThat(perDirection.writeSizes()).contains(BlockSizes.split(List.of(new BlockSizes.Split(65536, 100))));
        assertThat(perDirection.readSizes().orElseThrow().max()).isEqualTo(8192);
    }

    @Test
    void randomDistributionsWithFiosDefaultsAndCenters() {
        double none = RandomDistribution.NO_CENTER;
        assertThat(access("--random_distribution=zipf:1.2").distribution())
                .isEqualTo(new RandomDistribution.Zipf(1.2, none));
        assertThat(access("--random_distribution=zipf").distribution()).isEqualTo(new RandomDistribution.Zipf(1.1, none));
        assertThat(access("--random_distribution=pareto:0.3:0.25").distribution())
                .isEqualTo(new RandomDistribution.Pareto(0.3, 0.25));
        assertThat(access("--random_distribution=gauss:5").distribution())
                .isEqualTo(new RandomDistribution.Normal(5, none));
        RandomDistribution.Zoned z = (RandomDistribution.Zoned) access(
                "--random_distribution=zoned:60/10:30/20:10").distribution();
        assertThat(z.read()).containsExactly(new RandomDistribution.Zone(60, 10), new RandomDistribution.Zone(30, 20),
                new RandomDistribution.Zone(10, 70));
        RandomDistribution.Zoned abs = (RandomDistribution.Zoned) access(
                "--random_distribution=zoned_abs:50/1m:50/3m,100/8m").distribution();
        assertThat(abs.write()).containsExactly(new RandomDistribution.Zone(100, 8L << 20));
    }

    @Test
    void rwModifiersPercentageRandomSequencerOffsetIncrementAndZones() {
        assertThat(access("--rw=read:-8k").sequentialAdd()).isEqualTo(-8192);
        assertThat(access("--rw=randread:16").sequentialRun()).isEqualTo(16);
        assertThat(access("--rw=randread:16", "--rw_sequencer=identical").identical()).isTrue();
        assertThat(access("--rw=randrw", "--percentage_random=30,70").writeRandomPct()).isEqualTo(70);
        assertThat(access("--numjobs=4", "--offset_increment=1g").offsetIncrement()).isEqualTo(1L << 30);
        assertThat(access("--zonesize=256k", "--zoneskip=1m").zones())
                .as("zonesize alone turns strided mode on, zonerange defaults to zonesize")
                .contains(new StridedZones(256 << 10, 256 << 10, 1 << 20));
        assertThat(access("--zonemode=none", "--zonesize=256k").zones()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            random_distribution=zipf:1  | a theta > 0 other than 1, e.g. zipf:1.2
            random_distribution=pareto:1 | a power in (0, 1), e.g. pareto:0.2
            random_distribution=zoned:60/10:30/20 | ACCESS/SIZE entries whose access percentages add up to 100
            random_distribution=zipff   | random, zipf[:THETA[:CENTER]], pareto[:H[:CENTER]], normal[:DEV[:CENTER]] (or gauss), zoned:ACCESS/PERCENT:..., zoned_abs:ACCESS/SIZE:... (fio's sequence is not modelled); did you mean 'zipf'?
            bssplit=4k/70:8k/70:16k:32k | SIZE/PERCENT entries separated by ':' (an entry without a percentage shares what is left), per direction separated by ',', e.g. 4k/60:64k/40 (the percentages add up to more than 100)
            bsrange=4k                  | LOW-HIGH sizes, per direction separated by ',', e.g. 4k-64k
            zonemode=zbd                | none, strided (fio's zbd, zoned block devices, is not modelled)
            rw=randread:0               | a count in [1, 4294967295] after ':' for a random job, e.g. randread:8
            bs=4k,3000                  | a multiple of 512 bytes from 512 to 16m, per direction as R,W, e.g. 4k
            random_generator=lfrs       | tausworthe, lfsr, tausworthe64; did you mean 'lfsr'?
            """)
    void aBadValueIsOneLineSayingWhatIsAllowed(String option, String allowed) {
        assertThatThrownBy(() -> access("--" + option)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command line: " + option + " is invalid; allowed: " + allowed);
    }

    /**
     * The jobs whose sizes the workload's tests compare with real fio's (golden-access/COMMANDS.txt in the workload
     * tests) read as those tests build them.
     */
    @Test
    void theGoldenJobsReadAsTheWorkloadTestsBuildThem() {
        assertThat(access("--bssplit=4k/60:16k/30:64k/10").readSizes()).contains(BlockSizes.split(List.of(
                new BlockSizes.Split(4096, 60), new BlockSizes.Split(16384, 30), new BlockSizes.Split(65536, 10))));
        AccessPattern rw = access("--rw=randrw", "--bssplit=4k/50:8k/50,64k/20:128k/80");
        assertThat(rw.readSizes()).contains(BlockSizes.split(List.of(new BlockSizes.Split(4096, 50),
                new BlockSizes.Split(8192, 50))));
        assertThat(rw.writeSizes()).contains(BlockSizes.split(List.of(new BlockSizes.Split(65536, 20),
                new BlockSizes.Split(131072, 80))));
        assertThat(access("--bsrange=4k-64k").readSizes()).contains(BlockSizes.range(4096, 65536));
    }

    @Test
    void norandommapAndRandomGeneratorChooseHowRandomOffsetsCoverTheRegion() {
        assertThat(access("--rw=randread").coverage()).isEqualTo(BlockCoverage.RANDOM_MAP);
        assertThat(access("--norandommap").coverage()).isEqualTo(BlockCoverage.WITH_REPLACEMENT);
        assertThat(access("--random_generator=tausworthe64").coverage()).isEqualTo(BlockCoverage.RANDOM_MAP);
        assertThat(access("--random_generator=lfsr", "--norandommap").coverage())
                .as("fio sets up an LFSR before it looks at norandommap").isEqualTo(BlockCoverage.LFSR);
    }

    /**
     * With fio's map a random job whose size is its region uses each block once and stops there; with an io_size of
     * three regions it does three passes, each block three times (fio's keep_running() starts a pass per region).
     */
    @Test
    void aRandomJobUsesEachBlockOncePerPassOverItsRegion() {
        for (long passes : List.of(1L, 3L)) {
            JobPlan plan = JobPlanner.plan(List.of("--rw=randwrite", "--bssplit=4k/60:16k/30:64k/10", "--size=2m",
                    "--io_size=" + passes * 2 + "m", "--iodepth=8", "--write_lat_log"), Map.of());
            RunResult run = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null).get(0);
            var ios = run.jobs().get(0).clones().get(0).write().completedIos().orElseThrow();
            int[] uses = new int[512];
            for (int i = 0; i < ios.size(); i++) {
                for (long b = ios.offsetBytes(i) / 4096; b < (ios.offsetBytes(i) + ios.bytes(i)) / 4096; b++) {
                    uses[(int) b]++;
                }
            }
            assertThat(uses).as("%d passes", passes).containsOnly((int) passes);
        }
    }

    /** The sizes reach the device: a simulated run's bytes per I/O in each direction. */
    @Test
    void aRunIssuesEachDirectionsSize() {
        JobPlan plan = JobPlanner.plan(List.of("--rw=randrw", "--bs=4k,64k", "--number_ios=400", "--iodepth=4"),
                Map.of());
        RunResult run = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null).get(0);
        CloneResult clone = run.jobs().get(0).clones().get(0);
        assertThat(clone.read().ios()).isPositive();
        assertThat(clone.write().ios()).isPositive();
        assertThat(clone.read().bytes()).isEqualTo(clone.read().ios() * 4096);
        assertThat(clone.write().bytes()).isEqualTo(clone.write().ios() * 65536);
    }
}
