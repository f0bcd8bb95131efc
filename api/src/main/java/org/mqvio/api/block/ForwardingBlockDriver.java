package org.mqvio.api.block;

import java.util.Objects;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.stats.Statistics;

/**
 * A block driver that passes every call on to another: the base of a wrapper that watches or changes one thing
 * (a probe, a fault injector, a driver that is wrong on purpose) and overrides only that.
 * <ul>
 *   <li>Down: {@link #queueRequest}, {@link #commit} and the geometry go to {@link #delegate()} unchanged.</li>
 *   <li>Up: {@link #bind} binds the delegate to a block layer of this class's own, which hands each completion
 *   to {@link #completed} and passes every other call to the block layer this driver was bound to.</li>
 * </ul>
 * Thread-safety is the delegate's, plus whatever a subclass adds.
 */
public abstract class ForwardingBlockDriver implements BlockDriver {
    private final BlockDriver delegate;
    private volatile BlockLayer above;

    /**
     * A driver that passes every call on to {@code delegate}.
     *
     * @throws NullPointerException if {@code delegate} is null
     */
    protected ForwardingBlockDriver(BlockDriver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The driver every call goes on to. */
    protected BlockDriver delegate() {
        return delegate;
    }

    /** The block layer this driver was bound to, or null before {@link #bind}. */
    protected final BlockLayer above() {
        return above;
    }

    /** Binds the delegate to this driver's own block layer, which sends completions through {@link #completed}. */
    @Override
    public void bind(BlockLayer blockLayer) {
        above = Objects.requireNonNull(blockLayer, "blockLayer");
        delegate.bind(new Upward());
    }

    /** A completion from the delegate on its way up; passes it on unchanged. */
    protected void completed(ExecutionContext context, BlockRequest request, Status status) {
        above.complete(context, request, status);
    }

    @Override
    public int hardwareQueues() {
        return delegate.hardwareQueues();
    }

    @Override
    public int queueDepth(int queue) {
        return delegate.queueDepth(queue);
    }

    @Override
    public long capacitySectors() {
        return delegate.capacitySectors();
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        return delegate.queueRequest(context, queue, request, last);
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
        delegate.commit(context, queue);
    }

    @Override
    public boolean honoursFua() {
        return delegate.honoursFua();
    }

    /** What the delegate is bound to. */
    private final class Upward implements BlockLayer {
        @Override
        public void submit(ExecutionContext context, BlockRequest request) {
            above.submit(context, request);
        }

        @Override
        public void complete(ExecutionContext context, BlockRequest request, Status status) {
            completed(context, request, status);
        }

        @Override
        public void restart(ExecutionContext context, int queue) {
            above.restart(context, queue);
        }

        @Override
        public long capacitySectors() {
            return above.capacitySectors();
        }

        @Override
        public Statistics statistics() {
            return above.statistics();
        }
    }
}
