package org.mqvio.api.runtime;

/** The kinds of cross-context signal in a virtualized I/O path. */
public enum NotifierKind {
    /** Guest to IoThread: a virtqueue kick through ioeventfd (costs the guest a VM exit). */
    KICK(false),
    /** IoThread to guest: an interrupt injected through irqfd. */
    IRQFD(true),
    /** CPU to CPU inside the guest (or the host): an inter-processor interrupt. */
    IPI(true),
    /** Host kernel to IoThread: an eventfd signalling completed host I/O. */
    EVENTFD(false),
    /** Device to host: an MSI-X interrupt. */
    MSI(true);

    private final boolean interrupt;

    NotifierKind(boolean interrupt) {
        this.interrupt = interrupt;
    }

    /** Whether the handler runs at interrupt priority on its target. */
    public boolean isInterrupt() {
        return interrupt;
    }
}
