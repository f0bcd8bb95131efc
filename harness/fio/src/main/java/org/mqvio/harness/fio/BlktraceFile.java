package org.mqvio.harness.fio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.Operation;
import org.mqvio.harness.workload.TracedIo;

/**
 * A blktrace binary file (what {@code blkparse -d} dumps), as fio's {@code blktrace.c} replays it. The file is
 * a sequence of records, each the 48 bytes of {@code struct blk_io_trace} ({@code blktrace_api.h} in fio and in
 * Linux's {@code include/uapi/linux/blktrace_api.h}) followed by {@code pdu_len} bytes of payload:
 * <pre>
 *  offset size field
 *       0    4 magic     0x65617400 | version (7)
 *       4    4 sequence
 *       8    8 time      nanoseconds
 *      16    8 sector    512-byte sectors
 *      24    4 bytes
 *      28    4 action    low 16 bits: the action (1 = queued); high 16 bits: categories
 *      32    4 pid
 *      36    4 device
 *      40    4 cpu
 *      44    2 error
 *      46    2 pdu_len
 * </pre>
 * in the byte order of the machine that traced (fio swaps when the magic reads swapped). As in fio's
 * {@code handle_trace()}: only queue events are I/Os; notify events carry no I/O; a non-notify queue event's
 * delay is its time minus the previous one's ({@code delay_since_ttime()}), truncated to microseconds; the
 * category bit write (1 << 1) makes it a write, otherwise a read; an event of 0 bytes is skipped; with
 * {@code replay_align} the length is rounded up to it ({@code t_bytes_align()}). Discard and flush events are
 * refused: mqvio's jobs do not model trim or flush. Every device's events go to the modelled device.
 */
final class BlktraceFile {
    static final int MAGIC = 0x65617400;
    static final int VERSION = 7;
    static final int RECORD_BYTES = 48;
    static final int ACTION_QUEUE = 1;
    static final int CATEGORY_WRITE = 1 << 1;
    static final int CATEGORY_FLUSH = 1 << 2;
    static final int CATEGORY_NOTIFY = 1 << 10;
    static final int CATEGORY_DISCARD = 1 << 13;
    private static final int CATEGORY_SHIFT = 16;

    private BlktraceFile() {
    }

    /** Whether four bytes start with blktrace's magic, in either byte order. */
    static boolean hasMagic(byte[] head) {
        return order(head) != null;
    }

    private static ByteOrder order(byte[] head) {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            if ((ByteBuffer.wrap(head, 0, 4).order(o).getInt() & 0xffffff00) == MAGIC) {
                return o;
            }
        }
        return null;
    }

    static List<TracedIo> read(byte[] data, ReplayOptions options) {
        ByteBuffer b = ByteBuffer.wrap(data).order(order(data));
        List<TracedIo> ios = new ArrayList<>();
        long lastTime = 0;
        for (int record = 1; b.hasRemaining(); record++) {
            String where = "blktrace record " + record + " at byte " + b.position();
            if (b.remaining() < RECORD_BYTES) {
                throw new IllegalArgumentException(where + ": " + b.remaining() + " bytes left; allowed: whole"
                        + " records of " + RECORD_BYTES + " bytes");
            }
            int magic = b.getInt();
            b.getInt();
            long time = b.getLong();
            long sector = b.getLong();
            long bytes = Integer.toUnsignedLong(b.getInt());
            int action = b.getInt();
            b.position(b.position() + 14);
            int pduLength = Short.toUnsignedInt(b.getShort());
            if ((magic & 0xffffff00) != MAGIC) {
                throw new IllegalArgumentException(where + ": bad magic 0x" + Integer.toHexString(magic)
                        + "; allowed: 0x" + Integer.toHexString(MAGIC | VERSION));
            }
            if ((magic & 0xff) != VERSION) {
                throw new IllegalArgumentException(where + ": blktrace version " + (magic & 0xff) + "; allowed: "
                        + VERSION);
            }
            if (b.remaining() < pduLength) {
                throw new IllegalArgumentException(where + ": payload of " + pduLength + " bytes runs past the end"
                        + " of the file; allowed: whole records");
            }
            b.position(b.position() + pduLength);
            int categories = action >>> CATEGORY_SHIFT;
            if ((action & 0xffff) != ACTION_QUEUE || (categories & CATEGORY_NOTIFY) != 0) {
                continue;
            }
            long delayNs = options.delay(lastTime, time) / 1000 * 1000;
            lastTime = time;
            if ((categories & (CATEGORY_DISCARD | CATEGORY_FLUSH)) != 0) {
                throw new IllegalArgumentException(where + ": a " + ((categories & CATEGORY_DISCARD) != 0 ? "discard"
                        : "flush") + " is not modelled; allowed: queued reads and writes");
            }
            if (bytes == 0) {
                continue;
            }
            long length = options.align() == 0 ? bytes : (bytes + options.align() - 1) & ~(options.align() - 1);
            Operation op = (categories & CATEGORY_WRITE) != 0 ? Operation.WRITE : Operation.READ;
            ios.add(TraceFiles.io(where, op, options.offset(sector * 512), length, delayNs, 0));
        }
        return ios;
    }
}
