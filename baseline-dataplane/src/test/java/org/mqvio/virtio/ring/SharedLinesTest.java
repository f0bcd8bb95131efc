package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/** A virtqueue's shared line costs a transfer only when another context than the one that touched it last touches it. */
class SharedLinesTest {
    private static final long TRANSFER = 70;

    /** A platform that only answers whether it simulates and its costs. */
    private static Platform platform(boolean simulated) {
        CostTable costs = CostTable.zero().with(Cost.CACHELINE_TRANSFER, TRANSFER);
        return (Platform) Proxy.newProxyInstance(Platform.class.getClassLoader(), new Class<?>[] {Platform.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isSimulated" -> simulated;
                    case "costs" -> costs;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A context whose identity is all that matters here. */
    private static ExecutionContext context() {
        return (ExecutionContext) Proxy.newProxyInstance(ExecutionContext.class.getClassLoader(),
                new Class<?>[] {ExecutionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aLineCostsATransferOnlyWhenItsTouchingContextChanges() {
        ExecutionContext vcpu0 = context();
        ExecutionContext vcpu1 = context();
        ExecutionContext iothread = context();
        SharedLines lines = new SharedLines(platform(true), 128);
        assertThat(lines.add(vcpu0) + lines.add(vcpu0) + lines.publishAvail(vcpu0)).as("one vCPU in a row").isZero();
        assertThat(lines.add(vcpu1)).as("vCPU 1 after vCPU 0: the ring state and the entries' line move")
                .isEqualTo(2 * TRANSFER);
        assertThat(lines.pop(iothread)).as("the IoThread reads the index and the entries' line").isEqualTo(2 * TRANSFER);
        assertThat(lines.pop(iothread) + lines.pop(iothread)).as("the rest of its pass is in its cache").isZero();
        assertThat(lines.push(iothread)).as("the used ring was never touched").isZero();
        assertThat(lines.takeUsed(vcpu0)).as("vCPU 0 takes it: used index, used entries, ring state (vCPU 1's)")
                .isEqualTo(3 * TRANSFER);
        assertThat(lines.transfers()).isEqualTo(7);
    }

    @Test
    void entriesOnAnotherLineMoveOnTheirOwn() {
        ExecutionContext vcpu = context();
        ExecutionContext iothread = context();
        SharedLines lines = new SharedLines(platform(true), 128);
        for (int i = 0; i < SharedLines.AVAIL_PER_LINE + 1; i++) {
            lines.add(vcpu);
        }
        lines.publishAvail(vcpu);
        long first = lines.pop(iothread);
        long sameLine = 0;
        for (int i = 1; i < SharedLines.AVAIL_PER_LINE; i++) {
            sameLine += lines.pop(iothread);
        }
        assertThat(first).isEqualTo(2 * TRANSFER);
        assertThat(sameLine).isZero();
        assertThat(lines.pop(iothread)).as("entry 32 is on the next line").isEqualTo(TRANSFER);
    }

    @Test
    void liveNothingIsTracked() {
        SharedLines lines = new SharedLines(platform(false), 16);
        assertThat(lines.add(context()) + lines.pop(context())).isZero();
        assertThat(lines.transfers()).isZero();
    }
}
