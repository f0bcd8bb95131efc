package org.mqvio.harness.conformance;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * How deep the kit's properties run, from system properties: {@value #TRIES} sets every kit property's
 * number of tries (default: each property's own, chosen so the whole kit stays fast in {@code ./mvnw verify}),
 * and {@value #SEED} fixes jqwik's seed (to repeat a run's generation exactly). For example
 * {@code ./mvnw verify -Dmqvio.conformance.tries=2000}. Attached to every property of the contracts.
 */
public final class ConformanceDepth implements AroundPropertyHook {
    /** System property: tries per kit property. */
    public static final String TRIES = "mqvio.conformance.tries";
    /** System property: jqwik's seed for every kit property. */
    public static final String SEED = "mqvio.conformance.seed";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES);
        if (tries != null && !tries.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(tries.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + TRIES + "=" + tries + " is not valid; allowed: an integer >= 1");
            }
            if (n < 1) {
                throw new IllegalArgumentException("-D" + TRIES + "=" + tries + " is not valid; allowed: an integer >= 1");
            }
            context.attributes().setTries(n);
        }
        String seed = System.getProperty(SEED);
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.trim());
        }
        return property.execute();
    }

    /** Outermost, so the attributes are set before the property starts. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
