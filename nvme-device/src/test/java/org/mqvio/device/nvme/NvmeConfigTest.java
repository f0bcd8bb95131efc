package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Example;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.spi.Parameters;

/**
 * Configuration: defaults resolve as documented, and every invalid value or combination is an
 * {@link IllegalArgumentException} that names the parameter and what is allowed.
 */
class NvmeConfigTest {
    private static final CostTable COSTS = CostTable.zero().with(Cost.DEVICE_TIMER, 10_000);

    private static NvmeConfig config(int hostCpus, String... settings) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            m.put(settings[i], settings[i + 1]);
        }
        return NvmeConfig.from(Parameters.resolve(NvmeParameters.specs(), m), hostCpus, COSTS);
    }

    @Example
    void defaults() {
        NvmeConfig c = config(6);
        assertThat(c.queues()).isEqualTo(6);
        assertThat(c.queueDepth()).isEqualTo(1024);
        assertThat(c.mode()).isEqualTo(CompletionMode.NONE);
        assertThat(c.timerNs()).isEqualTo(10_000);
        assertThat(c.irqCpus()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(c.priorities()).containsOnly(PriorityClass.MEDIUM);
        assertThat(c.flash()).isEqualTo(new NvmeConfig.Flash(8, 32, 80_000, 500_000, 0, 8));
        assertThat(config(300).queues()).as("one per CPU, at most max_queues").isEqualTo(128);
        NvmeConfig set = config(4, "nvme.queues", "3", "nvme.irq_cpus", "3,1", "nvme.arbitration", "wrr",
                "nvme.queue_priority", "0=urgent, 1-2 = low", "nvme.completion", "timer", "nvme.completion_nsec", "5");
        assertThat(set.irqCpus()).containsExactly(3, 1, 3);
        assertThat(set.priorities()).containsExactly(PriorityClass.URGENT, PriorityClass.LOW, PriorityClass.LOW);
        assertThat(set.timerNs()).isEqualTo(5);
    }

    @Example
    void invalidConfigurationsSayWhatIsAllowed() {
        assertThatThrownBy(() -> config(4, "nvme.queue_depth", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nvme.queue_depth").hasMessageContaining("[2, 65536]");
        assertThatThrownBy(() -> config(4, "nvme.queue_depth", "65537")).hasMessageContaining("[2, 65536]");
        assertThatThrownBy(() -> config(4, "nvme.queues", "9", "nvme.max_queues", "8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nvme.queues=9 is more than the controller supports")
                .hasMessageContaining("0 (one per host CPU) to 8");
        assertThatThrownBy(() -> config(4, "nvme.queues", "65536")).hasMessageContaining("[0, 65535]");
        assertThatThrownBy(() -> config(4, "nvme.badblocks", "10-x")).hasMessageContaining("nvme.badblocks")
                .hasMessageContaining("FIRST-LAST");
        assertThatThrownBy(() -> config(4, "nvme.badblocks", "9-3")).hasMessageContaining("FIRST <= LAST");
        assertThatThrownBy(() -> config(4, "nvme.capacity_sectors", "100", "nvme.badblocks", "50-100"))
                .hasMessageContaining("past the end").hasMessageContaining("0..99");
        assertThatThrownBy(() -> config(4, "nvme.irq_cpus", "0,4")).hasMessageContaining("CPU 4 does not exist")
                .hasMessageContaining("0..3");
        assertThatThrownBy(() -> config(4, "nvme.irq_cpus", "a")).hasMessageContaining("not a CPU index");
        assertThatThrownBy(() -> config(4, "nvme.irq_coalesce_threshold", "8"))
                .hasMessageContaining("nvme.irq_coalesce_time_ns");
        assertThatThrownBy(() -> config(4, "nvme.irq_coalesce_time_ns", "1000"))
                .hasMessageContaining("nvme.irq_coalesce_threshold");
        assertThatThrownBy(() -> config(4, "nvme.lost_probability", "0.1")).hasMessageContaining("nvme.timeout_ns > 0");
        assertThatThrownBy(() -> config(4, "nvme.channels", "16", "nvme.dies", "8")).hasMessageContaining("channels <= dies");
        assertThatThrownBy(() -> config(4, "nvme.arbitration_burst", "3")).hasMessageContaining("power of two");
        assertThatThrownBy(() -> config(4, "nvme.queue_priority", "0=high")).hasMessageContaining("nvme.arbitration=wrr");
        assertThatThrownBy(() -> config(4, "nvme.arbitration", "wrr", "nvme.queue_priority", "0=hot"))
                .hasMessageContaining("urgent, high, medium, low");
        assertThatThrownBy(() -> config(4, "nvme.arbitration", "wrr", "nvme.queue_priority", "2-9=high"))
                .hasMessageContaining("0..3");
        assertThatThrownBy(() -> config(4, "nvme.arbitration", "wrr", "nvme.queue_priority", "high"))
                .hasMessageContaining("QUEUE=CLASS");
        assertThatThrownBy(() -> config(4, "nvme.serial", "this serial is far too long"))
                .hasMessageContaining("1 to 20 printable ASCII");
        assertThatThrownBy(() -> config(4, "nvme.power_loss_at_ns", "5")).hasMessageContaining("nvme.memory_backed=true");
        assertThatThrownBy(() -> config(4, "nvme.completion", "fast")).hasMessageContaining("none, timer, flash");
        assertThatThrownBy(() -> config(4, "nvme.error_probability", "1.5")).hasMessageContaining("[0.0, 1.0]");
    }
}
