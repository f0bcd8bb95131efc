package org.mqvio.harness.workload;

/** One clone of a job on one CPU, as the run drives it: a generated fio job or a replayed trace. */
interface Clone {
    /** Starts issuing (on the clone's CPU, through items posted to it), at once or after its start delay. */
    void start();

    /** Stops issuing (a stop was asked for); the clone reaps what it has in flight and reports done. */
    void stopIssuing();
}
