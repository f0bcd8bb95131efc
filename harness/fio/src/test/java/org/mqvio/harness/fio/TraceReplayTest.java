package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.RunResult;

/**
 * read_iolog replays exactly the traced I/Os, in order, with fio's timing; write_iolog records what a run issued
 * in a form read_iolog replays to the same I/Os. What a clone issued is read back from its write_iolog file.
 */
class TraceReplayTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    @TempDir
    Path dir;

    /** One issued or traced I/O: direction, offset, length, and the time (µs) when a log has one. */
    record Io(String op, long offset, long length, long timeUs) {
        Io withoutTime() {
            return new Io(op, offset, length, 0);
        }
    }

    /** The I/O lines of an iolog (version 2 or 3), read independently of the code under test. */
    static List<Io> ios(List<String> lines) {
        boolean v3 = lines.get(0).startsWith("fio version 3 iolog");
        List<Io> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            int a = v3 ? 2 : 1;
            if (f.length == a + 3 && (f[a].equals("read") || f[a].equals("write"))) {
                out.add(new Io(f[a], Long.parseLong(f[a + 1]), Long.parseLong(f[a + 2]), v3 ? Long.parseLong(f[0]) : 0));
            }
        }
        return out;
    }

    private List<RunResult> run(String dataPlane, String... tokens) {
        JobPlan plan = JobPlanner.plan(List.of(tokens), Map.of());
        return PlanRunner.run(REGISTRY, plan, StackConfig.defaults(1).withDataPlane(dataPlane), null);
    }

    /** Replays {@code trace} with {@code options} and returns what the clone issued, as its write_iolog says. */
    private List<Io> replay(Path trace, String dataPlane, String... options) throws IOException {
        Path written = dir.resolve("written-" + System.nanoTime() + ".iolog");
        List<String> tokens = new ArrayList<>(List.of("--name=replay", "--read_iolog=" + trace,
                "--write_iolog=" + written));
        tokens.addAll(List.of(options));
        List<RunResult> runs = run(dataPlane, tokens.toArray(String[]::new));
        List<String> lines = Files.readAllLines(written);
        assertThat(lines.get(0)).isEqualTo("fio version 3 iolog");
        List<Io> issued = ios(lines);
        assertThat(runs.get(0).jobs().get(0).ios()).as("every issued I/O completed in the window").isEqualTo(issued.size());
        return issued;
    }

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = TraceReplayTest.class.getResourceAsStream(name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void anIologThatFioWroteReplaysItsOperationsInOrderOnEveryDataPlane() throws IOException {
        Path golden = resource("fio-3.33-randrw.iolog");
        List<Io> traced = ios(Files.readAllLines(golden)).stream().map(Io::withoutTime).toList();
        assertThat(traced).hasSize(8);
        for (String dataPlane : List.of("baseline", "mq")) {
            List<Io> issued = replay(golden, dataPlane, "--iodepth=4").stream().map(Io::withoutTime).toList();
            assertThat(issued).as(dataPlane).containsExactlyElementsOf(traced);
        }
    }

    @Test
    void aVersion2IologReplaysItsOperationsInOrderAsFastAsTheDepthAllows() throws IOException {
        Path v2 = dir.resolve("v2.iolog");
        Files.writeString(v2, """
                fio version 2 iolog
                /dev/sdb add
                /dev/sdb open
                /dev/sdb read 0 4096
                /dev/sdb write 1048576 8192
                /dev/sdb read 4096 512
                /dev/sdb write 65536 131072
                /dev/sdb read 8192 4096
                /dev/sdb close
                """);
        List<Io> issued = replay(v2, "mq", "--iodepth=2");
        assertThat(issued.stream().map(Io::withoutTime).toList()).containsExactlyElementsOf(ios(Files.readAllLines(v2)));
        assertThat(issued.get(issued.size() - 1).timeUs()).as("no times in version 2: no waiting").isLessThan(200);
    }

    @Test
    void aReplayKeepsAtMostIodepthInFlight() throws IOException {
        Path v2 = dir.resolve("burst.iolog");
        StringBuilder text = new StringBuilder("fio version 2 iolog\n/dev/sdb add\n");
        for (int i = 0; i < 12; i++) {
            text.append("/dev/sdb read ").append(i * 4096).append(" 4096\n");
        }
        Files.writeString(v2, text);
        // fio's IO depths buckets: 1, 2-3, 4-7, 8-15, ...: the depth at each submission
        long[] one = run("mq", "--name=d1", "--read_iolog=" + v2, "--iodepth=1").get(0).jobs().get(0).clones().get(0)
                .depthLevels();
        assertThat(one[0]).isEqualTo(12);
        assertThat(java.util.Arrays.stream(one).sum()).isEqualTo(12);
        long[] four = run("mq", "--name=d4", "--read_iolog=" + v2, "--iodepth=4").get(0).jobs().get(0).clones().get(0)
                .depthLevels();
        assertThat(four[2]).as("a trace without times fills the depth").isPositive();
        assertThat(four[3] + four[4] + four[5] + four[6]).as("never above iodepth=4").isZero();
    }

    @Test
    void aVersion3IologIsReplayedAtItsTimesScaledByReplayTimeScale() throws IOException {
        Path v3 = dir.resolve("v3.iolog");
        Files.writeString(v3, """
                fio version 3 iolog
                100 /dev/sdb add
                100 /dev/sdb open
                100 /dev/sdb read 0 4096
                1100 /dev/sdb read 4096 4096
                4100 /dev/sdb write 8192 4096
                4600 /dev/sdb read 12288 4096
                4700 /dev/sdb close
                """);
        assertGaps(replay(v3, "mq", "--iodepth=8"), 1000, 3000, 500);
        assertGaps(replay(v3, "mq", "--iodepth=8", "--replay_time_scale=200"), 500, 1500, 250);
        assertGaps(replay(v3, "mq", "--iodepth=8", "--replay_time_scale=50"), 2000, 6000, 1000);
        assertGaps(replay(v3, "mq", "--iodepth=8", "--replay_no_stall=1"), 0, 0, 0);
    }

    /**
     * The gaps between consecutive issues (the log's µs) are the traced delays plus the submission's own path: fio
     * waits each delay from when the previous submission returned, then prepares and submits the next I/O. That
     * path costs a few µs in the model; 20 µs bounds it.
     */
    private static void assertGaps(List<Io> issued, long... delaysUs) {
        assertThat(issued).hasSize(delaysUs.length + 1);
        for (int i = 1; i < issued.size(); i++) {
            long gap = issued.get(i).timeUs() - issued.get(i - 1).timeUs();
            assertThat(gap).as("gap before I/O " + (i + 1)).isBetween(delaysUs[i - 1], delaysUs[i - 1] + 20);
        }
    }

    @Test
    void replayScaleAndAlignChangeTheOffsetsAsFioDoes() throws IOException {
        Path v2 = dir.resolve("scaled.iolog");
        Files.writeString(v2, """
                fio version 2 iolog
                /dev/sdb add
                /dev/sdb read 1048576 4096
                /dev/sdb write 1052672 4096
                """);
        List<Io> issued = replay(v2, "mq", "--replay_scale=3", "--replay_align=4k");
        // 1048576 / 3 = 349525, aligned down to 4096: 348160; 1052672 / 3 = 350890 -> 348160
        assertThat(issued.stream().map(Io::offset).toList()).containsExactly(348160L, 348160L);
    }

    @Test
    void aRecordedRunReplaysToTheSameOperations() throws IOException {
        Path recorded = dir.resolve("recorded.iolog");
        run("mq", "--name=gen", "--rw=randrw", "--bs=8k", "--iodepth=4", "--number_ios=40", "--randseed=7",
                "--write_iolog=" + recorded);
        List<Io> generated = ios(Files.readAllLines(recorded));
        assertThat(generated).hasSize(40);
        assertThat(generated.stream().map(Io::op).distinct()).containsExactlyInAnyOrder("read", "write");
        List<Io> replayed = replay(recorded, "baseline", "--iodepth=4");
        assertThat(replayed.stream().map(Io::withoutTime).toList())
                .containsExactlyElementsOf(generated.stream().map(Io::withoutTime).toList());
    }

    @Test
    void aBlktraceFileReplaysItsQueuedReadsAndWritesInOrderInEitherByteOrder() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Blktrace t = new Blktrace(order);
            t.add(0, 0, 0, notify(0), 6);                        // a process-name notification with 6 bytes of payload
            t.add(1_000_000, 8, 4096, queue(READ), 0);           // read 4096 bytes at sector 8
            t.add(1_200_000, 8, 4096, COMPLETE | READ << 16, 0); // its completion: not an I/O to replay
            t.add(3_000_000, 2048, 65536, queue(WRITE), 0);      // write 64 KiB at sector 2048
            t.add(3_500_000, 16, 0, queue(WRITE), 0);            // 0 bytes: skipped, as fio skips it
            t.add(4_000_000, 24, 512, queue(READ), 0);           // read 512 bytes at sector 24
            Path file = t.write(dir.resolve("trace-" + order + ".blktrace"));
            List<Io> issued = replay(file, "mq", "--iodepth=4");
            assertThat(issued.stream().map(Io::withoutTime).toList()).as(order.toString()).containsExactly(
                    new Io("read", 8 * 512, 4096, 0), new Io("write", 2048 * 512, 65536, 0), new Io("read", 24 * 512, 512, 0));
            // fio counts a delay from the previous queue event, the skipped empty one included: 4.0 - 3.5 ms
            assertGaps(issued, 2000, 500);
        }
    }

    private static final int READ = 1;
    private static final int WRITE = 1 << 1;
    private static final int QUEUE = 1;
    private static final int COMPLETE = 8;

    /** A queue event of a read or a write: action 1 (queued) with categories queue (1 << 4) and the direction. */
    private static int queue(int direction) {
        return QUEUE | (direction | 1 << 4) << 16;
    }

    /** A process notification: action 0 in category notify (1 << 10). */
    private static int notify(int action) {
        return action | (1 << 10) << 16;
    }

    /**
     * Writes blktrace records: the 48 bytes of struct blk_io_trace (magic | version 7, sequence, time in ns,
     * sector, bytes, action, pid, device, cpu, error, pdu_len) in {@code order}, then pdu_len bytes of payload.
     */
    static final class Blktrace {
        private final ByteBuffer b = ByteBuffer.allocate(4096);
        private int sequence;

        Blktrace(ByteOrder order) {
            b.order(order);
        }

        Blktrace add(long timeNs, long sector, int bytes, int action, int pduLength) {
            b.putInt(0x65617407).putInt(sequence++).putLong(timeNs).putLong(sector).putInt(bytes).putInt(action)
                    .putInt(42).putInt(8 << 20 | 16).putInt(0).putShort((short) 0).putShort((short) pduLength);
            b.put(new byte[pduLength]);
            return this;
        }

        Path write(Path file) throws IOException {
            byte[] bytes = new byte[b.position()];
            b.duplicate().flip().get(bytes);
            Files.write(file, bytes);
            return file;
        }
    }

    @Test
    void badTraceInputIsRefusedInOneLineNamingWhere() throws IOException {
        Path header = dir.resolve("header.iolog");
        Files.writeString(header, "fio version 1 iolog\n/dev/sdb read 0 4096\n");
        Path action = dir.resolve("action.iolog");
        Files.writeString(action, "fio version 2 iolog\n/dev/sdb add\n/dev/sdb reed 0 4096\n");
        Path fields = dir.resolve("fields.iolog");
        Files.writeString(fields, "fio version 3 iolog\n10 /dev/sdb read 0\n");
        Path trim = dir.resolve("trim.iolog");
        Files.writeString(trim, "fio version 3 iolog\n10 /dev/sdb trim 0 4096\n");
        Path unaligned = dir.resolve("unaligned.iolog");
        Files.writeString(unaligned, "fio version 2 iolog\n/dev/sdb read 100 4096\n");
        Path magic = new Blktrace(ByteOrder.LITTLE_ENDIAN).add(1, 8, 4096, queue(READ), 0)
                .write(dir.resolve("good.blktrace"));
        Files.write(magic, concat(Files.readAllBytes(magic), new byte[48]));
        Path truncated = new Blktrace(ByteOrder.LITTLE_ENDIAN).add(1, 8, 4096, queue(READ), 0)
                .write(dir.resolve("truncated.blktrace"));
        Files.write(truncated, concat(Files.readAllBytes(truncated), new byte[20]));

        expectRefused(header, "line 1: 'fio version 1 iolog' is not an iolog header; allowed: 'fio version 2 iolog'");
        expectRefused(action, "line 3: 'reed' is not an iolog action here; allowed: read, write, wait");
        expectRefused(fields, "line 2: '10 /dev/sdb read 0' has 4 fields; allowed: TIME FILE add|open|close");
        expectRefused(trim, "line 2: action 'trim' is not modelled; allowed: read, write");
        expectRefused(unaligned, "line 2: 4096 bytes at offset 100 is not sector-aligned");
        expectRefused(magic, "blktrace record 2 at byte 48: bad magic 0x0; allowed: 0x65617407");
        expectRefused(truncated, "blktrace record 2 at byte 48: 20 bytes left; allowed: whole records of 48 bytes");
        assertThatThrownBy(() -> plan("--read_iolog=" + dir.resolve("missing.iolog")))
                .hasMessageContaining("cannot read the file").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> plan("--read_iolog=" + header, "--replay_align=3k"))
                .hasMessageContaining("replay_align=3072 is invalid; allowed: a power of 2");
        assertThatThrownBy(() -> plan("--read_iolog=" + header, "--replay_time_scale=0"))
                .hasMessageContaining("replay_time_scale=0 is invalid; allowed: an integer >= 1");
        assertThatThrownBy(() -> plan("--write_iolog=" + dir.resolve("w.iolog"), "--numjobs=2"))
                .hasMessageContaining("write_iolog with numjobs=2").hasMessageContaining("allowed: numjobs=1");
    }

    private static JobPlan plan(String... tokens) {
        return JobPlanner.plan(List.of(tokens), Map.of());
    }

    private static void expectRefused(Path trace, String message) {
        assertThatThrownBy(() -> plan("--name=bad", "--read_iolog=" + trace))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job 'bad': read_iolog=" + trace + ": " + message)
                .hasMessageNotContaining("\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
