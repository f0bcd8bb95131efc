package org.mqvio.dataplane.baseline.virtio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.api.virtio.VirtqueueElement;

/**
 * A data-plane IoThread serving virtio-blk virtqueues, as QEMU's data plane does:
 * <ul>
 *   <li>on a kick: for each queue, disable notifications, pop every available request and submit it to the
 *   host block layer, enable notifications and check again (a request added in between is not lost);</li>
 *   <li>on a host completion (an eventfd): write the status byte, push the used entry, and interrupt the
 *   guest once per queue when the suppression state asks for it.</li>
 * </ul>
 * Requests the device side cannot serve (unknown type, sectors past the end, a malformed chain) complete
 * with an error status and never reach the host. A queue whose ring is broken is skipped; others go on.
 */
public final class VirtioBlkIoThread implements IoThread {
    private record InFlight(ServedQueue queue, VirtqueueElement element, int written) {
    }

    private record Done(InFlight inFlight, Status status) {
    }

    /** A virtqueue this thread serves, with the guest interrupt it raises. */
    static final class ServedQueue {
        final Virtqueue<?> vq;
        Notifier irq;
        String brokenReason;

        ServedQueue(Virtqueue<?> vq) {
            this.vq = vq;
        }
    }

    private final String name;
    private final ExecutionContext context;
    private final Platform platform;
    private final GuestMemory memory;
    private final String serial;
    private final List<ServedQueue> queues = new ArrayList<>();
    private final ArrayDeque<Done> completed = new ArrayDeque<>();
    private Notifier completionEventfd;
    private BlockLayer host;
    private int hostCpu;
    private long nextId;
    private long loops;
    private long submitted;
    private long completedCount;
    private long notifies;
    private long rejected;

    VirtioBlkIoThread(String name, ExecutionContext context, Platform platform, GuestMemory memory, String serial) {
        this.name = name;
        this.context = context;
        this.platform = platform;
        this.memory = memory;
        this.serial = serial;
    }

    ServedQueue serve(Virtqueue<?> vq) {
        ServedQueue sq = new ServedQueue(vq);
        queues.add(sq);
        return sq;
    }

    void setCompletionEventfd(Notifier eventfd) {
        this.completionEventfd = eventfd;
    }

    void connect(BlockLayer hostLayer, int hostCpuIndex) {
        this.host = Objects.requireNonNull(hostLayer, "hostLayer");
        this.hostCpu = hostCpuIndex;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecutionContext context() {
        return context;
    }

    @Override
    public List<? extends Virtqueue<?>> virtqueues() {
        return queues.stream().map(q -> q.vq).toList();
    }

    @Override
    public int doWork() {
        loops++;
        int work = reapCompletions();
        for (ServedQueue sq : queues) {
            work += serveQueue(sq);
        }
        reapCompletions();
        return work;
    }

    @Override
    public Map<String, Long> statistics() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("loops", loops);
        m.put("submitted", submitted);
        m.put("completed", completedCount);
        m.put("notifies", notifies);
        m.put("rejected", rejected);
        return m;
    }

    /** Why a served queue stopped, if one did. */
    List<String> brokenQueues() {
        List<String> out = new ArrayList<>();
        for (ServedQueue sq : queues) {
            sq.vq.brokenReason().ifPresent(r -> out.add("virtqueue " + sq.vq.index() + ": " + r));
            if (sq.brokenReason != null) {
                out.add("virtqueue " + sq.vq.index() + ": " + sq.brokenReason);
            }
        }
        return out;
    }

    private int serveQueue(ServedQueue sq) {
        int n = 0;
        if (sq.brokenReason != null) {
            return 0;
        }
        while (true) {
            sq.vq.setNotification(false);
            VirtqueueElement e;
            while ((e = sq.vq.pop()) != null) {
                n++;
                handle(sq, e);
                if (sq.brokenReason != null) {
                    return n;
                }
            }
            sq.vq.setNotification(true);
            if (!sq.vq.hasAvailable() || sq.vq.brokenReason().isPresent()) {
                return n;
            }
        }
    }

    private void handle(ServedQueue sq, VirtqueueElement e) {
        context.charge(platform.costs().get(Cost.IOTHREAD_SUBMIT));
        if (e.readable().isEmpty() || e.readable().get(0).length() < VirtioBlkProtocol.HEADER_BYTES
                || e.writable().isEmpty() || e.writable().get(e.writable().size() - 1).length() < 1) {
            sq.brokenReason = "virtio-blk request " + e.head() + " lacks a 16-byte header or a status byte";
            return;
        }
        long headerAddress = e.readable().get(0).address();
        long type;
        long sector;
        try {
            type = memory.readU32(headerAddress);
            sector = memory.readU64(headerAddress + VirtioBlkProtocol.HEADER_SECTOR_OFFSET);
        } catch (IndexOutOfBoundsException ex) {
            sq.brokenReason = "virtio-blk header of request " + e.head() + " is outside guest memory";
            return;
        }
        Operation op = VirtioBlkProtocol.operationOf(type);
        int dataLength = dataLength(e);
        if (op == null) {
            finishLocally(sq, e, Status.NOT_SUPPORTED, 0);
            return;
        }
        if (op == Operation.GET_ID) {
            finishLocally(sq, e, Status.OK, writeSerial(e));
            return;
        }
        long length = op == Operation.FLUSH ? 0 : dataLength;
        if (op.addressesSectors() && (length % BlockRequest.SECTOR_SIZE != 0
                || sector < 0 || sector > host.capacitySectors() - length / BlockRequest.SECTOR_SIZE)) {
            finishLocally(sq, e, Status.IO_ERROR, 0);
            return;
        }
        InFlight f = new InFlight(sq, e, op == Operation.READ ? (int) length : 0);
        BlockRequest r = BlockRequest.builder(op).id(nextId++).sector(sector).length((int) length).cpu(hostCpu)
                .createdNs(platform.nanoTime()).completion((ctx, done) -> hostCompleted(ctx, f, done.status()))
                .build();
        submitted++;
        host.submit(context, r);
    }

    private int dataLength(VirtqueueElement e) {
        long total = 0;
        for (int i = 1; i < e.readable().size(); i++) {
            total += e.readable().get(i).length();
        }
        for (int i = 0; i < e.writable().size() - 1; i++) {
            total += e.writable().get(i).length();
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private int writeSerial(VirtqueueElement e) {
        byte[] id = new byte[BlockRequest.ID_BYTES];
        byte[] s = serial.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, id, 0, Math.min(s.length, id.length));
        int written = 0;
        for (int i = 0; i < e.writable().size() - 1 && written < id.length; i++) {
            GuestBuffer b = e.writable().get(i);
            int n = Math.min(b.length(), id.length - written);
            memory.write(b.address(), id, written, n);
            written += n;
        }
        return written;
    }

    private void finishLocally(ServedQueue sq, VirtqueueElement e, Status status, int written) {
        rejected += status.isOk() ? 0 : 1;
        completed.add(new Done(new InFlight(sq, e, written), status));
    }

    /** A host request finished, on whatever context completed it: hand it to this thread by eventfd. */
    private void hostCompleted(ExecutionContext where, InFlight f, Status status) {
        completed.add(new Done(f, status));
        completionEventfd.signal(where);
    }

    private int reapCompletions() {
        if (completed.isEmpty()) {
            return 0;
        }
        int n = 0;
        long cost = platform.costs().get(Cost.IOTHREAD_COMPLETE);
        List<ServedQueue> touched = new ArrayList<>(queues.size());
        Done d;
        while ((d = completed.poll()) != null) {
            n++;
            InFlight f = d.inFlight();
            context.charge(cost);
            List<GuestBuffer> w = f.element().writable();
            memory.writeU8(w.get(w.size() - 1).address(), VirtioBlkProtocol.statusByte(d.status()));
            f.queue().vq.push(f.element(), f.written() + 1);
            completedCount++;
            if (!touched.contains(f.queue())) {
                touched.add(f.queue());
            }
        }
        for (ServedQueue sq : touched) {
            if (sq.vq.shouldNotify()) {
                notifies++;
                sq.irq.signal(context);
            }
        }
        return n;
    }
}
