package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.Operation;
import org.mqvio.harness.workload.TracedIo;

/**
 * The MSR Cambridge CSV converter on a few records written for this test in the format's seven fields
 * (Timestamp in 100 ns ticks, Hostname, DiskNumber, Type, Offset, Size, ResponseTime); not SNIA's data.
 */
class MsrTraceTest {
    private static final List<String> SAMPLE = List.of(
            "128166372000000000,host7,2,Read,3154280448,4096,2261",
            "128166372000013370,host7,2,Write,1048576,8192,5004",
            "128166372000038370,host7,2,Read,2097152,512,118",
            "128166372000038370,host7,2,write,0,65536,9000");

    @Test
    void recordsBecomeAVersion3IologWithMicrosecondTimesFromTheFirstRecord() {
        String iolog = MsrTrace.toIoLog(SAMPLE);
        assertThat(iolog.lines().toList()).containsExactly(
                "fio version 3 iolog",
                "0 /dev/msr-host7-2 add",
                "0 /dev/msr-host7-2 open",
                "1 /dev/msr-host7-2 read 3154280448 4096",
                "1338 /dev/msr-host7-2 write 1048576 8192",
                "3838 /dev/msr-host7-2 read 2097152 512",
                "3838 /dev/msr-host7-2 write 0 65536",
                "3838 /dev/msr-host7-2 close");
        List<TracedIo> ios = IoLogText.read(iolog.lines().toList(), ReplayOptions.DEFAULT);
        assertThat(ios).containsExactly(
                new TracedIo(Operation.READ, 3154280448L, 4096, 0, 0),
                new TracedIo(Operation.WRITE, 1048576, 8192, 1_337_000, 0),
                new TracedIo(Operation.READ, 2097152, 512, 2_500_000, 0),
                new TracedIo(Operation.WRITE, 0, 65536, 0, 0));
    }

    @Test
    void aHeaderLineIsSkipped() {
        List<String> withHeader = new java.util.ArrayList<>(List.of("Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime"));
        withHeader.addAll(SAMPLE);
        assertThat(MsrTrace.toIoLog(withHeader)).isEqualTo(MsrTrace.toIoLog(SAMPLE));
    }

    @Test
    void aBadLineIsRefusedInOneLineNamingItsNumber() {
        expect(List.of(SAMPLE.get(0), "128166372000013370,host7,2,Trim,0,4096,1"),
                "line 2: Type 'Trim' is invalid; allowed: Read, Write");
        expect(List.of(SAMPLE.get(0), SAMPLE.get(1), "128166372000013370,host7,2,Read,0,4096"),
                "line 3: 6 fields; allowed: 7 (Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime)");
        expect(List.of("12816637200000000x,host7,2,Read,0,4096,1"),
                "line 1: Timestamp '12816637200000000x' is invalid; allowed: an integer >= 0");
        expect(List.of(SAMPLE.get(0), "128166372000013370,host7,3,Read,0,4096,1"),
                "line 2: disk host7-3 differs from the first record's host7-2; allowed: one disk per file");
        expect(List.of(SAMPLE.get(1), SAMPLE.get(0)), "line 2: Timestamp 128166372000000000 is before the first"
                + " record's 128166372000013370; allowed: records in time order");
        expect(List.of(SAMPLE.get(0), "128166372000013370,host7,2,Read,0,0,1"),
                "line 2: Size 0 is invalid; allowed: a size > 0 bytes");
        expect(List.of(), "the trace has no record");
    }

    private static void expect(List<String> lines, String message) {
        assertThatThrownBy(() -> MsrTrace.toIoLog(lines)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message).hasMessageNotContaining("\n");
    }
}
