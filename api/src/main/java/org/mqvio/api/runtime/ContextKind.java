package org.mqvio.api.runtime;

/** What an {@link ExecutionContext} models; used for placement, reporting and interrupt handling. */
public enum ContextKind {
    /** A guest vCPU thread: runs the guest's jobs, its block layer and its interrupt handlers. */
    VCPU,
    /** A hypervisor data-plane I/O thread (an event loop). */
    IOTHREAD,
    /** A host interrupt handler (for example one NVMe MSI-X vector's). */
    IRQ,
    /** A host CPU running kernel code on behalf of a native job (no guest). */
    HOST
}
