package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqvio.harness.cli.InProcessCli.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.harness.cli.InProcessCli.Outcome;
import org.mqvio.harness.report.Json;

/** {@code paper --envelope} and {@code paper --sensitivity} end to end, on a reduced grid and a tiny runtime. */
class PaperModesTest {
    @TempDir
    Path dir;


    @Test
    void theEnvelopePrintsACellPerHostAndIodepthWritesItsFilesAndExitsAsItsVerdict() throws IOException {
        Outcome o = run("paper", "--envelope", "--envelope-host-cpus=4,8", "--envelope-iodepths=16", "--max-jobs=3",
                "--runtime=1ms", "--parallel=2", "--out-dir=" + dir);
        assertThat(o.out()).contains("| host CPUs   | iodepth | baseline peak (jobs) | baseline at 3 |")
                .containsPattern("\\| 4 \\(default\\) +\\| 16 +\\| [0-9]+ \\([1-3]\\) ")
                .containsPattern("\\| 8 +\\| 16 +\\|").containsPattern("envelope: (HOLDS|does NOT hold)")
                .contains("(12 runs, 2 at a time");
        JsonNode doc = Json.parse(Files.readString(dir.resolve("paper-envelope.json")));
        assertThat(doc.get("cells")).hasSize(2);
        assertThat(doc.get("cells").get(0).get("criteria")).hasSize(3);
        assertThat(doc.get("cells").get(0).get("points")).hasSize(6);
        assertThat(doc.get("cells").get(0).get("criteria").get(2).get("criterion").asText())
                .isEqualTo("mq/baseline at 3 jobs in [2.55, 3.38]");
        assertThat(doc.get("cells").get(1).get("criteria").get(2).get("criterion").asText())
                .isEqualTo("mq/baseline at 3 jobs at least 2.00");
        assertThat(Files.readAllLines(dir.resolve("paper-envelope.csv"))).hasSize(3);
        assertThat(o.code()).as(o.err()).isEqualTo(doc.get("holds").asBoolean() ? 0 : 3);
        // A guest submit path of 20 us bounds every job by its own vCPU: baseline no longer falls.
        Outcome broken = run("paper", "--envelope", "--envelope-host-cpus=4", "--envelope-iodepths=16", "--max-jobs=3",
                "--runtime=1ms", "--out-dir=" + dir.resolve("broken"), "--set=cost.guest_submit=20000");
        assertThat(broken.out()).contains("FAIL: drop").contains("envelope: does NOT hold");
        assertThat(broken.code()).isEqualTo(3);
    }

    @Test
    void theSensitivityMovesEachCostAndSwitchesEachMechanismOffWithEveryMargin() throws IOException {
        Outcome o = run("paper", "--sensitivity", "--only=guest_submit,native_submit,ticket-lock", "--max-jobs=4",
                "--runtime=1ms", "--parallel=2", "--out-dir=" + dir);
        assertThat(o.out()).contains("| variant ").contains("| base ").contains("| guest_submit -25% ")
                .contains("| cost.guest_submit=1500 ").contains("| off: ticket-lock ")
                .containsPattern("\\| native_submit \\+25% .*\\(no effect: the same traces\\)")
                .contains("a single cost at +-25% breaks: ").contains("ml-2q/1q: Ming Lei: two virtqueues over one")
                .containsPattern("sensitivity: (HOLDS|does NOT hold)").contains("(72 runs, 2 at a time");
        assertThat(o.out().lines().filter(l -> l.startsWith("| guest_submit") && l.contains("(no effect")).count())
                .as("a cost the experiment charges has an effect").isZero();
        JsonNode doc = Json.parse(Files.readString(dir.resolve("paper-sensitivity.json")));
        assertThat(doc.get("variants")).hasSize(6);
        assertThat(doc.get("variants").get(0).get("criteria")).hasSize(9);
        assertThat(doc.get("variants").get(0).get("criteria").get(3).get("margins").size()).isEqualTo(2);
        assertThat(doc.get("mechanisms").has("ticket-lock")).isTrue();
        boolean decided = true;
        for (JsonNode v : doc.get("variants")) {
            if (!v.get("kind").asText().equals("mechanism")) {
                decided &= v.get("holds").asBoolean();
            }
        }
        assertThat(doc.get("holds").asBoolean()).isEqualTo(decided);
        assertThat(o.code()).as(o.err()).isEqualTo(decided ? 0 : 3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--envelope --sensitivity|--envelope and --sensitivity cannot be combined; allowed: one of them",
        "--envelope-iodepths=16|--envelope-host-cpus and --envelope-iodepths need --envelope",
        "--envelope --envelope-host-cpus=0|--envelope-host-cpus=[0] is invalid; allowed: integers >= 1",
        "--only=kick_exit|--only needs --sensitivity",
        "--sensitivity --only=kick_exits|--only=kick_exits is invalid; allowed: a cost key or a mechanism",
        "--sensitivity --max-jobs=3|--max-jobs=3 is invalid; allowed: an integer >= 4",
    })
    void badInputExitsWithTwo(String args, String expected) {
        Outcome o = run(("paper --runtime=1ms --out-dir=" + dir + " " + args).split(" "));
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).startsWith("mqvio: ").contains(expected);
    }
}
