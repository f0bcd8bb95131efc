package org.mqvio.api.cost;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named costs of the model, each in nanoseconds. Values live in one cost table file (the harness's
 * {@code costs.properties}, with each value's source) and can be overridden per run as
 * {@code --set cost.KEY=VALUE}. This enum names them and says what each one is.
 */
public enum Cost {
    GUEST_SUBMIT("guest_submit", "guest submit path outside the virtqueue lock: fio, syscall, blk-mq"),
    GUEST_COMPLETE("guest_complete", "guest completion path: handler, blk-mq, fio reap"),
    NATIVE_SUBMIT("native_submit", "a job on bare metal (the native data plane): fio and the io_submit syscall"),
    NATIVE_COMPLETE("native_complete", "a job on bare metal: fio's reap of one completion"),
    VQ_ADD_HOLD("vq_add_hold", "virtqueue lock hold to add a descriptor chain and prepare the kick"),
    VQ_USED_HOLD("vq_used_hold", "virtqueue lock hold per used entry in the guest completion handler"),
    LOCK_UNCONTENDED("lock_uncontended", "uncontended lock acquire plus release"),
    LOCK_HANDOFF("lock_handoff", "lock handoff to the next waiter: one cache-line transfer"),
    TICKET_PER_WAITER("ticket_per_waiter", "ticket lock: extra handoff time per spinning waiter (in a VM)"),
    TICKET_PER_WAITER_HOST("ticket_per_waiter_host", "ticket lock: extra handoff time per spinning waiter (bare metal)"),
    KICK_EXIT("kick_exit", "ioeventfd kick: VM exit round trip paid by the vCPU"),
    KICK_LATENCY("kick_latency", "ioeventfd kick: time until the IoThread's eventfd is readable"),
    POLL_LATENCY("poll_latency", "polling IoThread: time until it sees a new available index (no kick)"),
    WAKEUP("wakeup", "wake a sleeping IoThread or vCPU: time until it runs"),
    IOTHREAD_SUBMIT("iothread_submit", "IoThread pops one request and submits it to the host"),
    IOTHREAD_COMPLETE("iothread_complete", "IoThread reaps one host completion and pushes a used entry"),
    IRQFD_SIGNAL("irqfd_signal", "IoThread signals an irqfd, per notification batch"),
    IRQ_DELIVERY("irq_delivery", "interrupt delivery latency into the guest"),
    IRQ_INJECT("irq_inject", "vCPU cost per injected interrupt"),
    IPI_SEND("ipi_send", "guest IPI send, a VM exit on the sender"),
    IPI_RECEIVE("ipi_receive", "guest IPI receive, an injection on the target"),
    IPI_LATENCY("ipi_latency", "guest IPI delivery latency"),
    HOST_SUBMIT("host_submit", "host block layer and driver submit path per request (outside IoThread cost)"),
    HOST_COMPLETE("host_complete", "host interrupt handler and block layer completion per request"),
    EVENTFD_LATENCY("eventfd_latency", "host completion eventfd: time until the IoThread sees it"),
    CONTEXT_SWITCH("context_switch", "host scheduler context switch between two threads on one CPU"),
    SCHED_SLICE("sched_slice", "host scheduler time slice when more threads are runnable than CPUs"),
    PLE_WINDOW("ple_window", "pause-loop exiting: a vCPU spinning this long on a lock yields its host CPU to a waiting thread"),
    PV_SPIN_THRESHOLD("pv_spin_threshold", "paravirt spinlock (ticket or queued): a vCPU waiter spins this long, then halts until"
            + " kicked (0: paravirt spinlocks off, waiters spin until their turn)"),
    PV_KICK("pv_kick", "paravirt spinlock: the unlocker's kick hypercall (VM exit) to wake the halted next waiter"),
    DEVICE_TIMER("device_timer", "null device completion time in timer mode (null_blk completion_nsec)"),
    CACHELINE_TRANSFER("cacheline_transfer", "a cache line of a virtqueue's shared state moving to the CPU that touches it"
            + " from the CPU that touched it last (core-to-core latency); 0 turns the transfers' cost off"),
    VERIFY_MD5("verify_md5", "vCPU time to checksum one MiB for fio's verify=md5 (per MiB: multiplied by the bytes)"),
    VERIFY_CRC64("verify_crc64", "vCPU time to checksum one MiB for fio's verify=crc64 (per MiB: multiplied by the bytes)"),
    VERIFY_CRC32("verify_crc32", "vCPU time to checksum one MiB for fio's verify=crc32 (per MiB: multiplied by the bytes)"),
    VERIFY_CRC32C("verify_crc32c", "vCPU time to checksum one MiB for fio's verify=crc32c (per MiB: multiplied by the bytes)"),
    VERIFY_CRC16("verify_crc16", "vCPU time to checksum one MiB for fio's verify=crc16 (per MiB: multiplied by the bytes)"),
    VERIFY_CRC7("verify_crc7", "vCPU time to checksum one MiB for fio's verify=crc7 (per MiB: multiplied by the bytes)"),
    VERIFY_SHA1("verify_sha1", "vCPU time to checksum one MiB for fio's verify=sha1 (per MiB: multiplied by the bytes)"),
    VERIFY_SHA256("verify_sha256", "vCPU time to checksum one MiB for fio's verify=sha256 (per MiB: multiplied by the bytes)"),
    VERIFY_SHA512("verify_sha512", "vCPU time to checksum one MiB for fio's verify=sha512 (per MiB: multiplied by the bytes)"),
    VERIFY_SHA3_224("verify_sha3_224", "vCPU time to checksum one MiB for fio's verify=sha3-224 (per MiB: multiplied by the bytes)"),
    VERIFY_SHA3_256("verify_sha3_256", "vCPU time to checksum one MiB for fio's verify=sha3-256 (per MiB: multiplied by the bytes)"),
    VERIFY_SHA3_384("verify_sha3_384", "vCPU time to checksum one MiB for fio's verify=sha3-384 (per MiB: multiplied by the bytes)"),
    VERIFY_SHA3_512("verify_sha3_512", "vCPU time to checksum one MiB for fio's verify=sha3-512 (per MiB: multiplied by the bytes)"),
    VERIFY_XXHASH("verify_xxhash", "vCPU time to checksum one MiB for fio's verify=xxhash (per MiB: multiplied by the bytes)");

    private final String key;
    private final String description;

    Cost(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The key in the cost table file and in {@code --set cost.KEY=VALUE}. */
    public String key() {
        return key;
    }

    /** One line saying what the cost is. */
    public String description() {
        return description;
    }

    /** Finds a cost by its key. */
    public static Optional<Cost> byKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }
}
