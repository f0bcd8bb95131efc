package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqvio trace convert}, then {@code mqvio run --read_iolog} on what it wrote, on the papers' data plane. */
class TraceCommandTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void anMsrTraceConvertsAndRunsOnTheMqDataPlane() throws IOException {
        Path csv = dir.resolve("disk.csv");
        Files.writeString(csv, """
                128166372000000000,host7,2,Read,3154280448,4096,2261
                128166372000013370,host7,2,Write,1048576,8192,5004
                128166372000038370,host7,2,Read,2097152,512,118
                """);
        Path iolog = dir.resolve("disk.iolog");
        FrontDoor.Outcome converted = FrontDoor.run(BOUND, "trace", "convert", "--from=msr", csv.toString(),
                "--to=iolog", iolog.toString());
        assertThat(converted.code()).as(converted.toString()).isZero();
        assertThat(converted.out()).isEqualTo("wrote " + iolog + " (3 I/Os)" + System.lineSeparator());
        FrontDoor.Outcome run = FrontDoor.run(BOUND, "run", "--read_iolog=" + iolog, "--dataplane=mq",
                "--output-format=json");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"read_iolog\" : \"" + iolog + "\"");
    }

    @Test
    void aBadLineOrFormatExitsTwoWithOneLine() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "128166372000000000,host7,2,Read,0,4096,1\n128166372000000001,host7,2,Flush,0,0,1\n");
        FrontDoor.Outcome bad = FrontDoor.run(BOUND, "trace", "convert", "--from=msr", csv.toString(), "--to=iolog",
                dir.resolve("out.iolog").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("mqvio: " + csv + ": line 2: Type 'Flush' is invalid; allowed: Read, Write"
                + System.lineSeparator());
        FrontDoor.Outcome format = FrontDoor.run(BOUND, "trace", "convert", "--from=spc", csv.toString(), "--to=iolog",
                dir.resolve("out.iolog").toString());
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("--from=spc is invalid; allowed: msr");
    }
}
