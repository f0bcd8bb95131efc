package org.mqvio.harness.sweep;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

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
        return run(tasks, IntStream.range(0, tasks.size()).boxed().toList(), parallelism, onDone);
    }

    /**
     * As {@link #run(List, int, Consumer)}, the tasks started in the order {@code startOrder} gives (a permutation of
     * their indices: for example the longest first, so that the threads run out of work together); the results are
     * still in task order.
     */
    public static <T> List<T> run(List<? extends Callable<T>> tasks, List<Integer> startOrder, int parallelism,
                                  Consumer<Integer> onDone) {
        checkArgument(parallelism >= 1, "parallelism=%s is invalid; allowed: an integer >= 1", parallelism);
        checkArgument(startOrder.stream().sorted().toList().equals(IntStream.range(0, tasks.size()).boxed().toList()),
                "startOrder=%s is invalid; allowed: a permutation of the %s task indices", startOrder, tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, tasks.size())), r -> {
            Thread t = new Thread(r, "mqvio-point");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(Collections.nCopies(tasks.size(), null));
            for (int index : startOrder) {
                Callable<T> task = tasks.get(index);
                futures.set(index, pool.submit(() -> {
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
