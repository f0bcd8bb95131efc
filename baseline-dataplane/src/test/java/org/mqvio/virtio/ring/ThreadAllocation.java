package org.mqvio.virtio.ring;

import java.lang.reflect.Method;

/** What the calling thread allocates: the measure behind the tests' bounds on work per call. */
public final class ThreadAllocation {
    private ThreadAllocation() {
    }

    /**
     * Bytes the calling thread allocated while running {@code action}, from the JDK's
     * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}: reached by reflection, as this module
     * does not read {@code jdk.management} (and should not, for a test).
     */
    public static long allocatedBy(Runnable action) {
        long before = allocatedBytes();
        action.run();
        return allocatedBytes() - before;
    }

    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Method allocated = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class);
            return (long) allocated.invoke(bean, Thread.currentThread().threadId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK does not count allocated bytes per thread", e);
        }
    }
}
