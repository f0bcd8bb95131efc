package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqvio.harness.cli.InProcessCli.run;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.harness.cli.InProcessCli.Outcome;

/** {@code mqvio bench} at tiny sizes: the table's shape and figures that are positive and finite (never timings). */
class BenchCommandTest {
    private static final String NUMBER = "(\\S+)";
    private static final String FIGURE = NUMBER + " \\(" + NUMBER + "\\.\\." + NUMBER + "\\)";
    private static final Pattern ROW = Pattern.compile("^(\\S+) +(\\d+) +(\\d+) +" + FIGURE + " +" + FIGURE + " +"
            + FIGURE + " +" + FIGURE + " +" + FIGURE + "$");


    @Test
    void printsOneRowPerDataPlaneAndVcpuCountWithPositiveFiniteFigures() {
        Outcome o = run("bench", "--dataplane=baseline,mq", "--vcpus=1,6", "--ios=2000", "--repeat=3");
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        List<String> lines = o.out().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith("4 KB randread, iodepth 32, numjobs = vCPUs").contains("N = 2000 I/Os")
                .contains("3 repetitions");
        assertThat(lines.get(1)).startsWith("load average at start: ");
        assertThat(lines.get(2).split(" {2,}")).containsExactly("dataplane", "vcpus", "host_cpus",
                "M sim I/Os per wall-s", "wall ns per I/O", "thread CPU ns per I/O", "events per I/O",
                "bytes allocated per I/O");
        assertThat(lines.get(7)).startsWith("load average at end: ");
        String[][] expected = {{"baseline", "1", "4"}, {"baseline", "6", "6"}, {"mq", "1", "4"}, {"mq", "6", "6"}};
        for (int i = 0; i < expected.length; i++) {
            Matcher m = ROW.matcher(lines.get(3 + i));
            assertThat(m.matches()).as(lines.get(3 + i)).isTrue();
            assertThat(List.of(m.group(1), m.group(2), m.group(3))).containsExactly(expected[i]);
            for (int f = 0; f < 5; f++) {
                double median = Double.parseDouble(m.group(4 + 3 * f));
                double min = Double.parseDouble(m.group(5 + 3 * f));
                double max = Double.parseDouble(m.group(6 + 3 * f));
                assertThat(List.of(median, min, max)).as(lines.get(3 + i)).allMatch(Double::isFinite);
                assertThat(min).as(lines.get(3 + i)).isLessThanOrEqualTo(median);
                assertThat(median).as(lines.get(3 + i)).isLessThanOrEqualTo(max);
                // Timings (figures 0 to 2) on a loaded machine can make one repetition's difference negative.
                assertThat(f < 3 ? median : min).as(lines.get(3 + i)).isPositive();
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--repeat=0          | --repeat=0 is invalid; allowed: an integer >= 1",
        "--ios=0             | --ios=0 is invalid; allowed: an integer >= 1",
        "--vcpus=1,0         | --vcpus=0 is invalid; allowed: integers >= 1",
        "--host-cpus=0       | --host-cpus=0 is invalid; allowed: an integer >= 1",
        "--iodepth=0         | --iodepth=0 is invalid; allowed: an integer >= 1",
        "--dataplane=nosuch  | nosuch"})
    void refusesBadInputBeforeMeasuring(String option, String message) {
        Outcome o = run("bench", option);
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).contains(message);
        assertThat(o.out()).isEmpty();
    }
}
