package org.mqvio.virtio.blk.backend;

import java.util.List;
import java.util.Optional;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.api.virtio.Virtqueue;

/** A virtqueue that passes every call to another: tests override what they watch or change. */
abstract class ForwardingVirtqueue<T> implements Virtqueue<T> {
    final Virtqueue<T> vq;

    ForwardingVirtqueue(Virtqueue<T> vq) {
        this.vq = vq;
    }

    @Override
    public boolean pop(DescriptorChain into) {
        return vq.pop(into);
    }

    @Override
    public void push(int head, int written) {
        vq.push(head, written);
    }

    @Override
    public boolean shouldNotify() {
        return vq.shouldNotify();
    }

    @Override
    public void setNotification(boolean enabled) {
        vq.setNotification(enabled);
    }

    @Override
    public boolean hasAvailable() {
        return vq.hasAvailable();
    }

    @Override
    public Optional<String> brokenReason() {
        return vq.brokenReason();
    }

    @Override
    public void breakWith(String reason) {
        vq.breakWith(reason);
    }

    @Override
    public int index() {
        return vq.index();
    }

    @Override
    public int size() {
        return vq.size();
    }

    @Override
    public int freeDescriptors() {
        return vq.freeDescriptors();
    }

    @Override
    public boolean add(List<GuestBuffer> readable, List<GuestBuffer> writable, T token) {
        return vq.add(readable, writable, token);
    }

    @Override
    public boolean kickPrepare() {
        return vq.kickPrepare();
    }

    @Override
    public boolean getUsed(UsedBuffer<T> into) {
        return vq.getUsed(into);
    }

    @Override
    public void disableCallback() {
        vq.disableCallback();
    }

    @Override
    public boolean enableCallback() {
        return vq.enableCallback();
    }

    @Override
    public Statistics statistics() {
        return vq.statistics();
    }
}
