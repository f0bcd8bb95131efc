package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * The NVMe driver reuses its records of I/O commands: a record is given back once the driver has read what it
 * needs of it, just before its request is handed upward, and the next command may take it at once. A block layer may hand a request back at once: from inside
 * the completion, while the driver's own completion of the previous command is still on the stack. Each test does exactly that, rebuilding
 * and resubmitting one request from its completion, and fails if the driver still read the record of the
 * completed command after handing its request upward: the room of that command is then never given back, and the
 * next command finds the queue full.
 */
class NvmeRecordReuseTest {
    private static final int ROUNDS = 40;

    private static Map<String, String> settings(String link) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("nvme.queues", "1");
        s.put("nvme.queue_depth", "3"); // room for two commands: the next is accepted inside the completion
        s.put("nvme.link", link);
        return s;
    }

    @Test
    void aRequestHandedBackFromItsOwnCompletionReusesTheRecordAndEveryRoundCompletes() {
        for (String link : List.of("none", "pcie3x4")) {
            NvmeRig rig = new NvmeRig(2, 1, 3, settings(link));
            Resubmitter again = new Resubmitter(rig, ROUNDS);
            rig.submitLater(0, List.of(again.request));
            rig.runUntil(10_000_000);

            assertThat(again.rounds).as("rounds completed, link " + link).isEqualTo(ROUNDS);
            assertThat(again.statuses).as("link " + link).containsOnly(Status.OK);
            assertThat(rig.stat("outstanding")).isZero();
            assertThat(rig.stat("busy")).as("a room given back once per command").isZero();
        }
    }

    /** One read, rebuilt and submitted again from its own completion until it has completed {@code rounds} times. */
    private static final class Resubmitter implements Completion {
        final NvmeRig rig;
        final int limit;
        final BlockRequest request;
        final List<Status> statuses = new java.util.ArrayList<>();
        int rounds;

        Resubmitter(NvmeRig rig, int limit) {
            this.rig = rig;
            this.limit = limit;
            this.request = rig.request(Operation.READ, 8, 4096, 0, false, null, this);
        }

        @Override
        public void completed(ExecutionContext context, BlockRequest r) {
            rounds++;
            statuses.add(r.status());
            if (rounds < limit) {
                BlockRequest.builder(Operation.READ).id(rounds).sector(8L * rounds).length(4096).cpu(0)
                        .createdNs(rig.platform.nanoTime()).completion(this).rebuild(r);
                rig.host.submitAll(context, List.of(r));
            }
        }
    }
}
