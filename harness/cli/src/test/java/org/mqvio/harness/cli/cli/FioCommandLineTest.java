package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqvio.harness.cli.InProcessCli.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.harness.cli.InProcessCli.Outcome;
import org.mqvio.harness.report.Json;

/**
 * fio's command-line options about job files (--showcmd, --parse-only, --section) and the rule for options mqvio
 * does not model, end to end. The --showcmd goldens are what fio 3.33 (Debian's fio 3.33-3) printed for the same
 * job files, kept next to them.
 */
class FioCommandLineTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FioCommandLineTest.class.getResource("showcmd/" + name).toURI());
    }

    private static String golden(String name) throws IOException {
        try (var in = FioCommandLineTest.class.getResourceAsStream("showcmd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void showcmdPrintsEachJobFileAsFioPrintsIt() throws Exception {
        Outcome o = run("run", "--showcmd", resource("first.fio").toString(), resource("second.fio").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo(golden("fio-3.33-showcmd.txt"));
        Outcome section = run("run", "--showcmd", "--bs=8k", "--section=large", resource("first.fio").toString());
        assertThat(section.code()).as(section.err()).isZero();
        assertThat(section.out()).isEqualTo(golden("fio-3.33-showcmd-section.txt"));
    }

    @Test
    void parseOnlyReadsTheJobsRunsNothingAndPrintsNothing() throws Exception {
        Outcome o = run("run", "--parse-only", resource("first.fio").toString(), resource("second.fio").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).isEmpty();
        Outcome bad = run("run", "--parse-only", "--runtime=1ms", "--bs=4q");
        assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).startsWith("mqvio: command line: bs=4q is invalid");
    }

    @Test
    void sectionRunsOnlyTheNamedSection() throws Exception {
        Outcome o = run("run", "--section=writer2", resource("second.fio").toString(), "--runtime=1ms");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("writer2: (g=0): rw=write").doesNotContain("writer: (g=");
    }

    @Test
    void anUnmodelledOptionIsRefusedInOneLineWithExitTwo() {
        Outcome o = run("run", "--rw=randread", "--runtime=1ms", "--max_latency=1ms");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).isEqualTo("mqvio: command line: max_latency=1ms ends the job early on a latency limit, a"
                + " steady state or another job's end, and is not modelled yet; --allow-unmodelled runs without it"
                + System.lineSeparator());
    }

    @Test
    void allowUnmodelledRunsAndListsThemLoudlyInTextAndJson() {
        List<String> args = new ArrayList<>(List.of("run", "--allow-unmodelled", "--rw=randread", "--runtime=1ms",
                "--max_latency=1ms", "--ioengine=libaio"));
        Outcome text = run(args.toArray(String[]::new));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("mqvio: WARNING: --allow-unmodelled ignores these options, so the numbers below"
                        + " are NOT for the workload the job describes:\nmqvio: WARNING:   max_latency=1ms (command"
                        + " line): ends the job early on a latency limit, a steady state or another job's end, and is"
                        + " not modelled yet\n")
                .contains("  NOT MODELLED, ignored (--allow-unmodelled): max_latency=1ms (command line)")
                .contains("  not applicable to a model, ignored: ioengine=libaio (command line)");
        args.add("--output-format=json");
        Outcome json = run(args.toArray(String[]::new));
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode mqvio = Json.parse(json.out()).get("mqvio");
        assertThat(mqvio.get("unmodelled")).hasSize(1);
        assertThat(mqvio.get("unmodelled").get(0).get("option").asText()).isEqualTo("max_latency");
        assertThat(mqvio.get("unmodelled").get(0).get("value").asText()).isEqualTo("1ms");
        assertThat(mqvio.get("unmodelled").get(0).get("why").asText()).startsWith("ends the job early");
        assertThat(mqvio.get("not_applicable").get(0).get("why").asText()).startsWith("which system call");
    }
}
