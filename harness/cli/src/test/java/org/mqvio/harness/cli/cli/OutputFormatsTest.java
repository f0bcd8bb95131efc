package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mqvio.harness.report.Json;

/** {@code --output-format} lists and {@code --minimal} (each format asked for, in fio's order); {@code --cmdhelp}. */
class OutputFormatsTest {
    private static FrontDoor.Outcome run(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "run";
        args[1] = "--name=j";
        args[2] = "--rw=randread";
        args[3] = "--number_ios=20";
        System.arraycopy(options, 0, args, 4, options.length);
        FrontDoor.Outcome o = FrontDoor.run(Duration.ofSeconds(30), args);
        assertThat(o.code()).as(o.toString()).isZero();
        return o;
    }

    @Test
    void aListPrintsEachFormatInFiosOrder() {
        for (String list : new String[] {"normal,json", "json,normal"}) {
            String out = run("--output-format=" + list).out();
            int json = out.indexOf("{");
            int end = out.indexOf("\n}") + 2;
            int normal = out.indexOf("j: (groupid=0, jobs=1)");
            assertThat(json).as(list + ": json first, as fio prints it").isZero();
            assertThat(normal).as(list + ": then normal").isGreaterThan(end);
            assertThat(Json.parse(out.substring(json, end)).get("jobs").get(0).get("jobname").asText()).isEqualTo("j");
        }
        String all = run("--output-format=normal,json+,terse").out();
        assertThat(all.lines().findFirst().orElseThrow()).as("terse first").startsWith("3;mqvio-");
        assertThat(all).contains("\"bins\"").contains("j: (groupid=0, jobs=1)");
    }

    @Test
    void minimalIsTerseAlone() {
        String out = run("--minimal").out();
        assertThat(out.lines().toList()).hasSize(1);
        assertThat(out.strip().split(";", -1)).as("fio's terse version 3 fields").hasSize(121);
        assertThat(run("--output-format=csv").out()).isEqualTo(out);
        assertThat(run("--minimal", "--terse-version=5").out().strip().split(";", -1)).as("fio's terse version 5")
                .hasSize(180);
    }

    @Test
    void cmdhelpExplainsModelledOptionsAndRefusesUnknownOnes() {
        FrontDoor.Outcome one = FrontDoor.run(Duration.ofSeconds(30), "run", "--cmdhelp=readwrite");
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.out()).contains("                  rw: ").contains("               alias: readwrite")
                .contains("        valid values: ");
        FrontDoor.Outcome all = FrontDoor.run(Duration.ofSeconds(30), "run", "--cmdhelp");
        assertThat(all.out()).contains("iodepth                 : ").contains("write_lat_log           : ");
        assertThat(FrontDoor.run(Duration.ofSeconds(30), "run", "--cmdhelp=thinkcycles").out()).contains("not modelled");
        FrontDoor.Outcome bad = FrontDoor.run(Duration.ofSeconds(30), "run", "--cmdhelp=nosuch");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("mqvio: --cmdhelp=nosuch is invalid; allowed: all, or the name of a fio option"
                + System.lineSeparator());
    }
}
