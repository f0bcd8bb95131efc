package org.mqvio.device.nvme;

import java.util.function.Consumer;

/**
 * The controller's state of one command from the moment it is fetched until its completion entry is posted:
 * the entry decoded from the submission ring, the queue it came from, the outcome fault injection gave it,
 * and, as the slot itself, the continuation its service time runs when the media work is over.
 *
 * <p>Each submission queue keeps its free slots ({@link NvmeController}), as QEMU's emulated NVMe controller
 * keeps one request per submission queue entry on a free list of its queue (hw/nvme/ctrl.c: {@code
 * nvme_init_sq} fills {@code sq->req_list}, {@code nvme_process_sq} takes a request for each entry it
 * fetches, {@code nvme_post_cqes} puts it back once the completion entry is written). A slot is given back
 * only once its completion is posted, so a command still in service (timed, stalled, lost) keeps its own;
 * {@link #take} refuses a slot that is still in service.
 */
final class CommandSlot implements Runnable {
    final Command command = new Command();
    final int qid;
    /** What fault injection decided the media work ends with. */
    NvmeStatus outcome;
    private final Consumer<CommandSlot> served;
    private boolean inService;

    /**
     * @param qid    the submission queue whose slot this is
     * @param served what the controller does when the command's service time is over
     */
    CommandSlot(int qid, Consumer<CommandSlot> served) {
        this.qid = qid;
        this.served = served;
    }

    /** Takes this free slot for a command being fetched. */
    CommandSlot take() {
        if (inService) {
            throw new IllegalStateException("command slot of queue " + qid + " taken while command "
                    + command.cid() + " is still in service");
        }
        inService = true;
        return this;
    }

    /** The command's completion is posted: the slot is free. */
    void free() {
        if (!inService) {
            throw new IllegalStateException("command slot of queue " + qid + " freed twice (command " + command.cid()
                    + " completed twice)");
        }
        inService = false;
    }

    /** The command's service time is over. */
    @Override
    public void run() {
        served.accept(this);
    }
}
