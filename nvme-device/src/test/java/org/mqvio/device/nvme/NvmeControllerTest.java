package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mqvio.api.Status;

/**
 * The controller alone, driven with raw submission entries: invalid commands complete with the NVMe status
 * the specification gives (never an exception), Identify and Abort work, the completion ring's full
 * condition holds entries back until the head doorbell, and inline completion raises no interrupt for the
 * ring the doorbell writer reaps.
 */
class NvmeControllerTest {
    private static ControllerRig rig() {
        return new ControllerRig(2, 8, ControllerRig.ServiceTimeKind.NONE, null, 0, 0, null);
    }

    private static CompletionEntry only(List<CompletionEntry> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Property(tries = 200)
    void anyOpcodeTheControllerDoesNotImplementIsAnInvalidOpcode(@ForAll @IntRange(min = 0, max = 255) int opcode) {
        ControllerRig r = rig();
        r.submit(1, new Command(opcode, 5, Command.NAMESPACE, 0, 0, 0, 0));
        CompletionEntry e = only(r.reap(1));
        boolean known = opcode == Opcodes.READ || opcode == Opcodes.WRITE || opcode == Opcodes.FLUSH
                || opcode == Opcodes.WRITE_ZEROES || opcode == Opcodes.DATASET_MANAGEMENT;
        assertThat(e.cid()).isEqualTo(5);
        if (!known) {
            assertThat(e.status()).isEqualTo(NvmeStatus.INVALID_OPCODE.field());
            assertThat(NvmeStatus.blockStatusOf(e.status())).isEqualTo(Status.NOT_SUPPORTED);
        }
        r.submit(0, new Command(opcode, 6, 0, 0, 0, 0, 0));
        CompletionEntry a = only(r.reap(0));
        if (opcode != Opcodes.IDENTIFY && opcode != Opcodes.ABORT) {
            assertThat(a.status()).isEqualTo(NvmeStatus.INVALID_OPCODE.field());
        }
    }

    @Example
    void rangesNamespacesAndBuffersAreChecked() {
        ControllerRig r = rig();
        long capacity = 1 << 20;
        r.submit(1, Command.read(1, capacity - 8, 8, 0));
        assertThat(only(r.reap(1)).status()).isEqualTo(NvmeStatus.SUCCESS.field());
        r.submit(1, Command.read(2, capacity - 8, 9, 0));
        assertThat(NvmeStatus.blockStatusOf(only(r.reap(1)).status())).isEqualTo(Status.TARGET_ERROR);
        r.submit(1, Command.write(3, -1L, 1, false, 0));
        assertThat(only(r.reap(1)).status()).isEqualTo(NvmeStatus.LBA_OUT_OF_RANGE.field());
        r.submit(1, new Command(Opcodes.READ, 4, 2, 0, 0, 0, 0));
        assertThat(only(r.reap(1)).status()).isEqualTo(NvmeStatus.INVALID_NAMESPACE.field());
        r.submit(1, Command.deallocate(5, 1, 0));
        assertThat(only(r.reap(1)).status()).as("DSM without its range list").isEqualTo(NvmeStatus.INVALID_FIELD.field());
        long ranges = r.dma.map(DeallocateRanges.single(capacity - 1, 2));
        r.submit(1, Command.deallocate(6, 1, ranges));
        assertThat(only(r.reap(1)).status()).isEqualTo(NvmeStatus.LBA_OUT_OF_RANGE.field());
        r.submit(1, new Command(Opcodes.FLUSH, 7, Command.ALL_NAMESPACES, 0, 0, 0, 0));
        assertThat(only(r.reap(1)).status()).isEqualTo(NvmeStatus.SUCCESS.field());
    }

    @Example
    void identifyServesTheSerialAndTheNamespaceSize() {
        ControllerRig r = rig();
        byte[] buffer = new byte[IdentifyData.BYTES];
        r.submit(0, Command.identify(1, Opcodes.CNS_CONTROLLER, r.dma.map(buffer)));
        assertThat(only(r.reap(0)).status()).isZero();
        assertThat(new String(buffer, 4, 20, StandardCharsets.US_ASCII)).isEqualTo("RIG-SERIAL          ");
        assertThat(IdentifyData.serialAsId(buffer)).startsWith("RIG-SERIAL".getBytes(StandardCharsets.US_ASCII))
                .hasSize(20).endsWith(new byte[10]);
        r.submit(0, new Command(Opcodes.IDENTIFY, 2, Command.NAMESPACE, r.dma.map(buffer), Opcodes.CNS_NAMESPACE, 0, 0));
        assertThat(only(r.reap(0)).status()).isZero();
        assertThat(LittleEndian.i64(buffer, 0)).isEqualTo(1 << 20);
        r.submit(0, Command.identify(3, 0x42, r.dma.map(buffer)));
        assertThat(only(r.reap(0)).status()).as("unknown CNS").isEqualTo(NvmeStatus.INVALID_FIELD.field());
        r.submit(0, Command.identify(4, Opcodes.CNS_CONTROLLER, 0));
        assertThat(only(r.reap(0)).status()).as("no buffer").isEqualTo(NvmeStatus.INVALID_FIELD.field());
    }

    @Example
    void abortCompletesALostCommandFirstAndRefusesAnUnknownOne() {
        ControllerRig r = new ControllerRig(1, 8, ControllerRig.ServiceTimeKind.NONE, null, 1.0, 0, null);
        r.submit(1, Command.read(7, 0, 1, 0));
        assertThat(r.reap(1)).as("a lost command does not complete").isEmpty();
        assertThat(r.controller.active()).isEqualTo(1);
        r.submit(0, Command.abort(1, 1, 7));
        CompletionEntry abort = only(r.reap(0));
        assertThat(abort.status()).isZero();
        assertThat(abort.dw0() & 1).as("aborted").isZero();
        CompletionEntry aborted = only(r.reap(1));
        assertThat(aborted.cid()).isEqualTo(7);
        assertThat(NvmeStatus.blockStatusOf(aborted.status())).isEqualTo(Status.TIMEOUT);
        assertThat(r.controller.active()).isZero();
        r.submit(0, Command.abort(2, 1, 7));
        assertThat(only(r.reap(0)).dw0() & 1).as("nothing left to abort").isEqualTo(1);
        r.submit(0, Command.abort(3, 9, 7));
        assertThat(only(r.reap(0)).status()).as("no such queue").isEqualTo(NvmeStatus.INVALID_FIELD.field());
    }

    @Example
    void abortOfACommandStillInItsRingCompletesItWhenFetched() {
        ControllerRig r = new ControllerRig(1, 8, ControllerRig.ServiceTimeKind.TIMER, null, 0, 1, null);
        r.submit(1, Command.read(1, 0, 1, 0));
        r.submit(1, Command.read(2, 0, 1, 0));
        r.submit(0, Command.abort(1, 1, 2));
        assertThat(only(r.reap(0)).dw0() & 1).isZero();
        r.platform.runAll();
        List<CompletionEntry> done = r.reap(1);
        assertThat(done).extracting(CompletionEntry::cid).containsExactly(1, 2);
        assertThat(done.get(1).status()).isEqualTo(NvmeStatus.ABORT_REQUESTED.field());
    }

    @Example
    void aFullCompletionRingHoldsEntriesUntilTheHeadDoorbell() {
        ControllerRig r = new ControllerRig(1, 4, ControllerRig.ServiceTimeKind.TIMER, null, 0, 0, null);
        for (int cid = 0; cid < 3; cid++) {
            r.submit(1, Command.read(cid, 0, 1, 0));
        }
        r.platform.runAll();
        assertThat(r.cqs.get(1).occupied()).isEqualTo(3);
        CompletionEntry first = new CompletionEntry();
        assertThat(r.cqs.get(1).poll(first)).isTrue();
        assertThat(first.cid()).isZero();
        // The host consumed one entry but has not released it: a new completion must wait.
        r.sqs.get(1).headReported(3);
        r.submit(1, Command.read(3, 0, 1, 0));
        r.platform.runAll();
        assertThat(r.controller.statistics().get(NvmeController.CQ_FULL)).isEqualTo(1);
        int before = r.vectors.get(1).signals;
        r.controller.completionDoorbell(1, r.cqs.get(1).head());
        assertThat(r.vectors.get(1).signals).as("posting the held entry interrupts").isEqualTo(before + 1);
        assertThat(r.reap(1)).extracting(CompletionEntry::cid).containsExactly(1, 2, 3);
    }

    @Example
    void inlineCompletionInterruptsOnlyForRingsTheWriterDoesNotReap() {
        ControllerRig r = new ControllerRig(1, 8, ControllerRig.ServiceTimeKind.NONE, null, 1.0, 0, null);
        r.submit(1, Command.read(1, 0, 1, 0));
        r.submit(0, Command.abort(1, 1, 1));
        assertThat(r.vectors.get(0).signals).as("the admin doorbell writer reaps the admin ring").isZero();
        assertThat(r.vectors.get(1).signals).as("the aborted command's ring is not the writer's").isEqualTo(1);
        ControllerRig plain = rig();
        plain.submit(1, Command.read(1, 0, 1, 0));
        assertThat(plain.vectors.get(1).signals).isZero();
        assertThat(plain.controller.statistics().get(NvmeController.INVALID_DOORBELLS)).isZero();
        plain.controller.submissionDoorbell(1, 8);
        plain.controller.submissionDoorbell(5, 0);
        plain.controller.completionDoorbell(1, -1);
        assertThat(plain.controller.statistics().get(NvmeController.INVALID_DOORBELLS)).isEqualTo(3);
    }

    @Example
    void memoryBackedCommandsMoveData() {
        Media media = new Media(true);
        ControllerRig r = new ControllerRig(1, 8, ControllerRig.ServiceTimeKind.NONE, media, 0, 0, null);
        byte[] data = new byte[1024];
        data[0] = 1;
        data[1023] = 2;
        r.submit(1, Command.write(1, 10, 2, false, r.dma.map(data)));
        byte[] back = new byte[1024];
        r.submit(1, Command.read(2, 10, 2, r.dma.map(back)));
        assertThat(back).isEqualTo(data);
        r.submit(1, Command.read(3, 10, 2, 0));
        r.submit(1, Command.read(4, 10, 2, r.dma.map(new byte[512])));
        r.submit(1, Command.write(5, 10, 1, false, 0x999000));
        assertThat(r.reap(1)).extracting(e -> NvmeStatus.blockStatusOf(e.status()))
                .containsExactly(Status.OK, Status.OK, Status.NOT_SUPPORTED, Status.NOT_SUPPORTED, Status.NOT_SUPPORTED);
        r.submit(1, Command.writeZeroes(6, 11, 1));
        r.submit(1, Command.read(7, 10, 2, r.dma.map(back)));
        assertThat(back[0]).isEqualTo((byte) 1);
        assertThat(back[1023]).isZero();
        assertThat(media.cachedSectors()).isEqualTo(2);
        r.submit(1, Command.flush(8));
        assertThat(media.cachedSectors()).isZero();
    }

    /**
     * The controller decodes each fetched entry into a command slot it reuses once the command's completion is
     * posted. Commands in service at the same time must each keep their own: each write is applied at the end of
     * its service time from its slot, so a slot reused too early would complete another command's id and write
     * its data to another block.
     */
    @Example
    void commandsInServiceAtOnceEachKeepTheirOwnSlot() {
        Media media = new Media(false);
        ControllerRig r = new ControllerRig(1, 8, ControllerRig.ServiceTimeKind.TIMER, media, 0, 0, null);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3; i++) {
                byte[] data = new byte[512];
                data[0] = (byte) (10 * round + i + 1);
                r.submit(1, Command.write(i + 1, 8L * i, 1, false, r.dma.map(data)));
            }
            assertThat(r.controller.active()).as("all three in service at once").isEqualTo(3);
            r.platform.runAll();
            assertThat(r.reap(1)).extracting(CompletionEntry::cid).containsExactly(1, 2, 3);
            for (int i = 0; i < 3; i++) {
                byte[] back = new byte[512];
                r.submit(1, Command.read(4, 8L * i, 1, r.dma.map(back)));
                r.platform.runAll();
                assertThat(r.reap(1)).extracting(CompletionEntry::cid).containsExactly(4);
                assertThat(back[0]).as("round %d, block %d", round, 8 * i).isEqualTo((byte) (10 * round + i + 1));
            }
        }
    }
}
