package org.mqvio.harness.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/**
 * The modelled mechanisms that {@code paper --sensitivity} switches off one at a time (the ablation), each with
 * how it is switched off: a provider parameter, a cost, or the machine. The switch is applied to every point's
 * stack, after the point's data plane and vCPUs are set.
 *
 * <p>Adding a mechanism is one constant here: its name (the table's row and {@code --only}'s value), what it models,
 * how it is switched off as text, and the function that does it (for a cost set to a value, {@link #cost}).
 */
public enum Mechanism {
    TICKET_LOCK("ticket-lock", "the guest's virtqueue lock is a ticket spinlock: each handoff grows with the spinning"
            + " waiters", "virtio.lock=mcs (a queued lock: one cache-line handoff)", c -> c.withSetting("virtio.lock", "mcs")),
    COMPLETION_IPIS("completion-ipis", "guest blk-mq completes each request on its submitter's vCPU by IPI"
            + " (rq_affinity=1); the baseline's handler sends them under the virtqueue lock",
            "blk-mq.rq_affinity=0 (complete where the interrupt lands; guest and host)",
            c -> c.withSetting("blk-mq.rq_affinity", "0")),
    PV_SPINLOCKS("pv-spinlocks", "a vCPU waiting for a spinlock halts after pv_spin_threshold until kicked",
            "cost.pv_spin_threshold=0 (waiters spin until their turn)", cost(Cost.PV_SPIN_THRESHOLD, 0)),
    PAUSE_LOOP_EXITING("pause-loop-exiting", "a vCPU spinning longer than ple_window yields its host CPU",
            "cost.ple_window=" + CostTable.MAX_NS + " (never before the time slice)",
            cost(Cost.PLE_WINDOW, CostTable.MAX_NS)),
    HOST_OVERSUBSCRIPTION("host-oversubscription", "vCPU threads and IoThreads share fewer host CPUs than there are"
            + " threads (lock-holder preemption, the IoThread's share of its CPU)",
            "host CPUs = 2 x vCPUs (a CPU for every vCPU thread and IoThread)",
            c -> c.withHostCpus(Math.max(c.hostCpus(), 2 * c.vcpus()))),
    PLUGGING("plugging", "blk-mq plugs the requests of one submission into one batch (one kick per batch)",
            "blk-mq.plug=false (guest and host)", c -> c.withSetting("blk-mq.plug", "false")),
    CACHELINE_TRANSFERS("cacheline-transfers", "a virtqueue's shared cache lines move to the CPU that touches them"
            + " (inside the lock on the guest side)", "cost.cacheline_transfer=0", cost(Cost.CACHELINE_TRANSFER, 0)),
    NOTIFY_SUPPRESSION("notify-suppression", "virtio notification suppression: a busy IoThread is not kicked, a busy"
            + " guest not interrupted (event indices)", "virtio.notify_suppression=false (a kick per batch, an"
            + " interrupt per pass)", c -> c.withSetting("virtio.notify_suppression", "false"));

    private final String label;
    private final String models;
    private final String off;
    private final UnaryOperator<StackConfig> switchOff;

    Mechanism(String label, String models, String off, UnaryOperator<StackConfig> switchOff) {
        this.label = label;
        this.models = models;
        this.off = off;
        this.switchOff = switchOff;
    }

    /** The name in tables and in {@code --only}. */
    public String label() {
        return label;
    }

    /** What the mechanism models. */
    public String models() {
        return models;
    }

    /** How it is switched off, as text. */
    public String off() {
        return off;
    }

    /** {@code point} with the mechanism switched off. */
    public StackConfig switchOff(StackConfig point) {
        return switchOff.apply(point);
    }

    /** Every name, for messages. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Mechanism::label).toList();
    }

    /** A switch that sets a cost. */
    static UnaryOperator<StackConfig> cost(Cost cost, long valueNs) {
        return c -> c.withSetting(Stack.COST_PREFIX + cost.key(), Long.toString(valueNs));
    }
}
