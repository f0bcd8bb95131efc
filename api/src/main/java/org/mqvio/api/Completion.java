package org.mqvio.api;

import org.mqvio.api.runtime.ExecutionContext;

/** Called exactly once when a {@link BlockRequest} completes, on the context that completes it. */
@FunctionalInterface
public interface Completion {
    /**
     * Handles the completion of {@code request}, whose {@link BlockRequest#status()} is set.
     *
     * @param context the context on which the completion runs (never null)
     * @param request the completed request (never null)
     */
    void completed(ExecutionContext context, BlockRequest request);
}
