package org.mqvio.harness.sweep;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs independent tasks (simulation runs: each deterministic and alone on its thread) on a fixed number of
 * threads and returns their results in task order, so the outcome is the same whatever the parallelism.
 */
public final class ParallelRunner {
    private ParallelRunner() {
    }

    /** The machine's cores: the default parallelism. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code tasks} on {@code parallelism} threads; {@code onDone} is called (on one thread at a time)
     * with each finished task's index.
     *
     * @throws IllegalArgumentException the first failing task's exception (by task order) if it was one
     * @throws IllegalStateException    wrapping any other failure, naming the task
     */
    public static <T> List<T> run(List<? extends Callable<T>> tasks, int parallelism, Consumer<Integer> onDone) {
        checkArgument(parallelism >= 1, "parallelism=%s is invalid; allowed: an integer >= 1", parallelism);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, tasks.size())), r -> {
            Thread t = new Thread(r, "mqvio-point");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                Callable<T> task = tasks.get(i);
                int index = i;
                futures.add(pool.submit(() -> {
                    T result = task.call();
                    synchronized (ParallelRunner.class) {
                        onDone.accept(index);
                    }
                    return result;
                }));
            }
            List<T> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof IllegalArgumentException iae) {
                        throw iae;
                    }
                    throw new IllegalStateException("task " + i + " failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for task " + i, e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
