package org.mqvio.harness.workload;

/** One clone of a job on one CPU, as the run starts it: a generated fio job or a replayed trace. */
interface Clone {
    /** Starts issuing (on the clone's CPU, through items posted to it). */
    void start();
}
