package org.mqvio.harness.conformance;

import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.ForwardingStorageDevice;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * A deliberately wrong path between the host block layer and the device (above the kit's probe), for showing
 * that each invariant can fail. The base class passes everything on; each subclass breaks one thing.
 */
abstract class WrongPath extends ForwardingStorageDevice {

    WrongPath(StorageDevice device) {
        super(device);
    }

    /** Loses the first completion. */
    static final class LosesACompletion extends WrongPath {
        private boolean lost;

        LosesACompletion(StorageDevice device) {
            super(device);
        }

        @Override
        protected void completed(ExecutionContext context, BlockRequest request, Status status) {
            if (!lost) {
                lost = true;
                return;
            }
            super.completed(context, request, status);
        }
    }

    /** Passes the first completion up twice. */
    static final class CompletesTwice extends WrongPath {
        private boolean doubled;

        CompletesTwice(StorageDevice device) {
            super(device);
        }

        @Override
        protected void completed(ExecutionContext context, BlockRequest request, Status status) {
            super.completed(context, request, status);
            if (!doubled) {
                doubled = true;
                super.completed(context, request, status);
            }
        }
    }

    /** Reports every error as success. */
    static final class HidesErrors extends WrongPath {
        HidesErrors(StorageDevice device) {
            super(device);
        }

        @Override
        protected void completed(ExecutionContext context, BlockRequest request, Status status) {
            super.completed(context, request, Status.OK);
        }
    }

    /** Reports the first success as an error. */
    static final class InventsAnError extends WrongPath {
        private boolean invented;

        InventsAnError(StorageDevice device) {
            super(device);
        }

        @Override
        protected void completed(ExecutionContext context, BlockRequest request, Status status) {
            Status s = status;
            if (!invented && status.isOk()) {
                invented = true;
                s = Status.IO_ERROR;
            }
            super.completed(context, request, s);
        }
    }

    /** Damages one byte of every write's data on the way down. */
    static final class DamagesWrites extends WrongPath {
        DamagesWrites(StorageDevice device) {
            super(device);
        }

        @Override
        public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
            if (request.data() != null && request.operation() == org.mqvio.api.Operation.WRITE) {
                request.data()[100] ^= 1;
            }
            return super.queueRequest(context, queue, request, last);
        }
    }

    /**
     * Holds back the first command of {@code kind} on a queue and sends the next command of that queue ahead
     * of it: writes overtake each other (kind WRITE) or a flush (kind FLUSH).
     */
    static final class SendsTheNextOneFirst extends WrongPath {
        private final org.mqvio.api.Operation kind;
        private BlockRequest held;
        private boolean done;

        SendsTheNextOneFirst(StorageDevice device, org.mqvio.api.Operation kind) {
            super(device);
            this.kind = kind;
        }

        @Override
        public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
            if (!done && held == null && request.operation() == kind) {
                held = request;
                return DispatchResult.OK;
            }
            DispatchResult answer = super.queueRequest(context, queue, request, held == null && last);
            if (held != null && answer == DispatchResult.OK) {
                BlockRequest h = held;
                held = null;
                done = true;
                super.queueRequest(context, queue, h, last);
            }
            return answer;
        }
    }

    /**
     * Claims FUA but drops it: a FUA write goes to the device as a plain write (a copy without FUA, on the same
     * data), and its completion comes back for the original.
     */
    static final class DropsFua extends WrongPath {
        private final java.util.Map<BlockRequest, BlockRequest> originals = new java.util.IdentityHashMap<>();

        DropsFua(StorageDevice device) {
            super(device);
        }

        @Override
        public boolean honoursFua() {
            return true;
        }

        @Override
        public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
            if (!request.fua()) {
                return super.queueRequest(context, queue, request, last);
            }
            BlockRequest plain = BlockRequest.builder(request.operation()).id(request.id()).sector(request.sector())
                    .length(request.length()).cpu(request.cpu()).createdNs(request.createdNs()).data(request.data())
                    .completion((c, r) -> { }).build();
            plain.markSubmitted(request.submittedNs());
            originals.put(plain, request);
            DispatchResult answer = super.queueRequest(context, queue, plain, last);
            if (answer != DispatchResult.OK) {
                originals.remove(plain);
            }
            return answer;
        }

        @Override
        protected void completed(ExecutionContext context, BlockRequest request, Status status) {
            BlockRequest original = originals.remove(request);
            super.completed(context, original != null ? original : request, status);
        }
    }

    /** Answers every flush OK at once, without the device. */
    static final class AcksFlushes extends WrongPath {
        AcksFlushes(StorageDevice device) {
            super(device);
        }

        @Override
        public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
            if (request.operation() != org.mqvio.api.Operation.FLUSH) {
                return super.queueRequest(context, queue, request, last);
            }
            context.andThen(0, () -> above().complete(context, request, Status.OK));
            return DispatchResult.OK;
        }
    }
}
