package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * Completions sent by IPI run on their submitting CPU, each once, with its own status, in the order they were
 * sent; the calls that carry them are reused once their target has run them, so a sender that keeps three
 * completions on their way makes three calls in all. Fails if a call were reused while still queued: a completion
 * would be lost, run twice or run with another's status.
 */
class CompletionIpisTest {
    private final ManualPlatform platform = new ManualPlatform();
    private final ExecutionContext cpu0 = platform.newContext(ContextSpec.of("cpu0", ContextKind.VCPU));
    private final ExecutionContext cpu1 = platform.newContext(ContextSpec.of("cpu1", ContextKind.VCPU));
    private final CompletionIpis ipis = new CompletionIpis(platform, List.of(cpu0, cpu1), new IpiCosts(0, 0, 0), "t");
    private final List<String> ran = new ArrayList<>();

    private BlockRequest request(long id) {
        return BlockRequest.builder(Operation.READ).id(id).sector(8).length(4096).cpu(1)
                .completion((context, r) -> ran.add(r.id() + " " + r.status() + " on " + context.name())).build();
    }

    private void sendFromCpu0(long firstId) {
        cpu0.post(0, () -> {
            ipis.send(cpu0, request(firstId), Status.OK);
            ipis.send(cpu0, request(firstId + 1), Status.IO_ERROR);
            ipis.send(cpu0, request(firstId + 2), Status.OK);
        });
        platform.runUntilIdle();
    }

    @Test
    void completionsRunOnTheirCpuOnceEachInOrderAndTheirCallsAreReused() {
        sendFromCpu0(1);
        assertThat(ran).containsExactly("1 OK on cpu1", "2 IO_ERROR on cpu1", "3 OK on cpu1");
        assertThat(ipis.sent()).as("one IPI: the later two were queued behind it").isEqualTo(1);

        ran.clear();
        sendFromCpu0(11);
        sendFromCpu0(21);
        assertThat(ran).containsExactly("11 OK on cpu1", "12 IO_ERROR on cpu1", "13 OK on cpu1",
                "21 OK on cpu1", "22 IO_ERROR on cpu1", "23 OK on cpu1");
        assertThat(ipis.callsMade()).as("calls made: as many as were on their way at once").isEqualTo(3);
    }
}
