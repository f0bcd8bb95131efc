package org.mqvio.harness.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.IoThread;

/**
 * A stack's component statistics read at one moment.
 *
 * @param guestBlockLayer the guest block layer's, when the data plane is virtualized
 * @param dataPlane       the data plane's as a whole
 * @param hostBlockLayer  the host block layer's
 * @param device          the device's
 * @param ioThreads       each of the data plane's IoThreads' (read for sums such as {@link IoThread#LOOPS}, not
 *                        printed on their own)
 */
public record StackStatistics(Optional<Statistics> guestBlockLayer, Statistics dataPlane, Statistics hostBlockLayer,
                              Statistics device, List<Statistics> ioThreads) {
    public StackStatistics {
        ioThreads = List.copyOf(ioThreads);
    }

    /** The statistics of {@code stack}'s components now. */
    public static StackStatistics of(Stack stack) {
        return new StackStatistics(stack.guestBlockLayer().map(l -> l.statistics()), stack.dataPlane().statistics(),
                stack.hostBlockLayer().statistics(), stack.device().statistics(),
                stack.dataPlane().ioThreads().stream().map(IoThread::statistics).toList());
    }

    /**
     * {@code counter} summed over the components that declare it: for a counter some implementations report
     * and others do not, such as {@link org.mqvio.api.block.BlockLayer#FUA_EMULATED}.
     */
    public long total(Counter counter) {
        return Statistics.totalWhereDeclared(counter, sections().values());
    }

    /**
     * The components' statistics by the names reports give them, in stack order: {@code guest_block_layer}
     * (when there is one), {@code data_plane}, {@code host_block_layer}, {@code device}.
     */
    public Map<String, Statistics> sections() {
        Map<String, Statistics> m = new LinkedHashMap<>();
        guestBlockLayer.ifPresent(g -> m.put("guest_block_layer", g));
        m.put("data_plane", dataPlane);
        m.put("host_block_layer", hostBlockLayer);
        m.put("device", device);
        return m;
    }
}
